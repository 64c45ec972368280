"""The GC run config: models/configs/gc_kws_s.json is the shipped recipe and the default; a user's file
overrides only the fields it gives (the merge and errors are dsl/config.py's)."""
import os

from dsl.config import MODELS, ConfigError, _prod
from dsl.config import load as _load

DEFAULT = os.path.join(MODELS, "configs", "gc_kws_s.json")


def classes(cfg):
    """Class labels in the order of the `scores` channels: the background class, then the keywords."""
    return [cfg["words"]["background_class"]] + list(cfg["words"]["keywords"])


def check(cfg, where="config"):
    def need(ok, field, msg):
        if not ok:
            raise ConfigError("%s: %s %s" % (where, field, msg))

    for k in ("sample_rate", "frame"):
        need(isinstance(cfg.get(k), int) and cfg[k] > 0, k, "must be a positive integer")
    fr, m, w, sc, t = cfg["frame"], cfg["model"], cfg["words"], cfg["scenes"], cfg["train"]
    need(cfg["sample_rate"] % fr == 0, "frame", "(%d) must divide sample_rate (%d)" % (fr, cfg["sample_rate"]))
    need(m["enc"] and all(len(e) == 3 for e in m["enc"]), "model.enc", "must be a list of [channels, stride, [dilations]]")
    s = _prod(e[1] for e in m["enc"])
    need(s == fr, "model.enc", "strides multiply to %d but frame is %d: the encoder's total stride must be the frame"
         % (s, fr))
    need(len(w["keywords"]) >= 1, "words.keywords", "must name at least one keyword")
    cls = classes(cfg)
    need(len(set(cls)) == len(cls), "words.keywords", "must be distinct and differ from words.background_class")
    need(not set(w["negatives"]) & set(w["keywords"]), "words.negatives", "must not repeat a keyword")
    need(m["heavy"]["k"] >= 1 and m["heavy"]["in"] >= 1, "model.heavy", "k and in must be >= 1")
    need(m["gate"]["k"] >= 1 and m["gate"]["hidden"] >= 1, "model.gate", "k and hidden must be >= 1")
    need(0.0 < cfg["threshold"]["target_recall"] <= 1.0, "threshold.target_recall", "must be in (0, 1]")
    need(isinstance(cfg["threshold"]["hold"], int) and cfg["threshold"]["hold"] >= 0, "threshold.hold",
         "must be an integer >= 0")
    need(sc["seconds"] * cfg["sample_rate"] >= 4 * fr, "scenes.seconds", "must hold at least 4 frames")
    need(t["steps"] >= 1 and t["batch"] >= 1, "train.steps/batch", "must be >= 1")
    need(0.0 <= t["label_smoothing"] < 1.0, "train.label_smoothing", "must be in [0, 1)")
    return cfg


def load(path=None):
    return _load(path, DEFAULT, check)


def receptive_field_frames(cfg):
    """Frames of encoder features one heavy output sees (its own and the past)."""
    h = cfg["model"]["heavy"]
    return 1 + (h["k"] - 1) * (1 + sum(h["dilations"]))  # input conv, then one dilated conv per unit
