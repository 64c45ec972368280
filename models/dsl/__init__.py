"""DSL SoundStream-style model, losses, training, export and evaluation (issue 2)."""
try:  # every dsl module needs these; say how to get them instead of a traceback
    import onnx  # noqa: F401
    import torch  # noqa: F401
except ImportError as e:
    raise SystemExit("models/dsl: %s for %s: run models/install_deps.sh (Debian's python3-torch and "
                     "python3-onnx) and use /usr/bin/python3" % (e, __import__("sys").executable))
