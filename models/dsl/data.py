"""Training crops from the train split (dsl/userdata.py loads it) with a seeded generator.

Category labels are never read here: files are sampled by duration only."""
import numpy as np
import torch


class Crops:
    """One long buffer of all train audio; random crops of seg samples with a random gain (config
    train.gain_db, -12..+3 dB shipped; clipped) so the model sees every level an always-on
    microphone may give it."""

    def __init__(self, waves, seg, seed, gain_db):
        self.buf = np.concatenate([w for w in waves])
        if len(self.buf) <= seg:
            raise ValueError("the train split has %d samples, fewer than one training crop (train.seg = %d)"
                             % (len(self.buf), seg))
        self.seg = seg
        self.gain_db = gain_db
        self.rng = np.random.RandomState(seed)

    def batch(self, n):
        idx = self.rng.randint(0, len(self.buf) - self.seg, size=n)
        g = 10 ** (self.rng.uniform(self.gain_db[0], self.gain_db[1], size=n) / 20.0)
        x = np.stack([self.buf[i:i + self.seg] * gi for i, gi in zip(idx, g)])
        return torch.from_numpy(np.clip(x, -1, 1).astype(np.float32))[:, None, :]
