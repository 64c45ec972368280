"""The run configuration (JSON): sizes, sample rate, frame, switch target, threshold rule, steps.

models/configs/dsl_soundstream_s.json is the shipped recipe and the default; every figure the
trainer, exporter and evaluator use comes from here (no 16 kHz / 320-sample constants elsewhere).
load() checks what would otherwise crash deep inside training (e.g. a stride product that is not
the frame gave "target size 25 vs input size 50"), naming the field."""
import json
import os

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = os.path.join(MODELS, "configs", "dsl_soundstream_s.json")


class ConfigError(Exception):
    """A config value that cannot work; the message names the field."""


def _prod(xs):
    p = 1
    for x in xs:
        p *= x
    return p


def _merge(base, over, where, prefix=""):
    """Nested dict update: a user config may give only the fields it changes. A field the shipped
    config does not have is an error (a typo would otherwise be ignored silently)."""
    out = dict(base)
    for k, v in over.items():
        if k not in base:
            raise ConfigError("%s: unknown field %s%s (known: %s)" % (where, prefix, k, ", ".join(sorted(base))))
        out[k] = _merge(base[k], v, where, prefix + k + ".") if isinstance(v, dict) and isinstance(base[k], dict) else v
    return out


def model_sizes(cfg):
    """The sizes dict DSLModel takes, with the tuples the original CONFIG had."""
    m = cfg["model"]
    return {"enc": [(int(c), int(s), list(d)) for c, s, d in m["enc"]], "keep": int(m["keep"]),
            "switch_hidden": int(m["switch_hidden"]),
            "light": {"in": m["light"]["in"], "ups": [tuple(u) for u in m["light"]["ups"]],
                      "out_k": m["light"]["out_k"]},
            "heavy": {"in": m["heavy"]["in"], "res_in": list(m["heavy"].get("res_in", [])),
                      "ups": [tuple(u) for u in m["heavy"]["ups"]], "out_k": m["heavy"]["out_k"]}}


def check(cfg, where="config"):
    def need(ok, field, msg):
        if not ok:
            raise ConfigError("%s: %s %s" % (where, field, msg))

    for k in ("sample_rate", "frame"):
        need(isinstance(cfg.get(k), int) and cfg[k] > 0, k, "must be a positive integer")
    fr, m, t = cfg["frame"], cfg["model"], cfg["train"]
    need(cfg["sample_rate"] % fr == 0, "frame", "(%d) must divide sample_rate (%d)" % (fr, cfg["sample_rate"]))
    need(m["enc"] and all(len(e) == 3 for e in m["enc"]), "model.enc", "must be a list of [channels, stride, [dilations]]")
    need(not m["enc"][-1][2], "model.enc", "last stage must have no residual units (the mask is folded into its conv)")
    s = _prod(e[1] for e in m["enc"])
    need(s == fr, "model.enc", "strides multiply to %d but frame is %d: the encoder's total stride must be the frame"
         % (s, fr))
    for dec in ("light", "heavy"):
        u = _prod(x[1] for x in m[dec]["ups"])
        need(u == fr, "model.%s.ups" % dec, "strides multiply to %d but frame is %d: each decoder must "
             "upsample one frame's embedding to frame samples" % (u, fr))
    need(0 < m["keep"] <= m["enc"][-1][0], "model.keep", "must be in 1..%d (the last encoder channels)" % m["enc"][-1][0])
    need(t["seg"] % fr == 0, "train.seg", "(%d) must be a multiple of frame (%d)" % (t["seg"], fr))
    need(max(cfg["loss"]["stft_ffts"]) // 2 < t["seg"], "loss.stft_ffts", "must be shorter than 2 x train.seg")
    need(0.0 < cfg["switch"]["target_light_share"] < 1.0, "switch.target_light_share", "must be in (0, 1)")
    need(t["steps"] >= 2 and t["batch"] >= 1, "train.steps/batch", "must be >= 2 / >= 1")
    return cfg


def load(path=None, default=DEFAULT, checker=check):
    """The default config, overridden by the JSON at path (only the fields it gives). Other recipes
    (models/gated) pass their own default file and checker."""
    base = json.load(open(default))
    if path is None:
        return checker(base, default)
    try:
        user = json.load(open(path))
    except (OSError, ValueError) as e:
        raise ConfigError("%s: cannot read config (%s)" % (path, e))
    return checker(_merge(base, user, path), path)
