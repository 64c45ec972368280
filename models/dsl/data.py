"""Training crops from the built dataset (split=train) with a seeded generator.

Category labels are never read here: files are sampled by duration only."""
import os

import numpy as np
import torch

from dataset.audio_io import read_wav
from dataset.build import read_manifest


def load_split(root, split, manifest=None):
    rows = [r for r in (manifest or read_manifest()) if r["split"] == split]
    return [(r, read_wav(os.path.join(root, r["path"])).astype(np.float32) / 32768.0) for r in rows]


class Crops:
    """One long buffer of all train audio; random 1 s crops with a random gain (-12..+3 dB,
    clipped) so the model sees every level an always-on microphone may give it."""

    def __init__(self, waves, seg, seed):
        self.buf = np.concatenate([w for w in waves])
        self.seg = seg
        self.rng = np.random.RandomState(seed)

    def batch(self, n):
        idx = self.rng.randint(0, len(self.buf) - self.seg, size=n)
        g = 10 ** (self.rng.uniform(-12, 3, size=n) / 20.0)
        x = np.stack([self.buf[i:i + self.seg] * gi for i, gi in zip(idx, g)])
        return torch.from_numpy(np.clip(x, -1, 1).astype(np.float32))[:, None, :]
