"""What goes into the dataset: every item is (category, group, source, licence, recipe).

Why a plan in code: the set must be rebuilt byte-identically on a fresh machine from
Debian/npm packages only, so the choice of files is a pure function of the package
contents (sorted listings, fixed strides), never of a random generator.
"""
import hashlib
import os

AST = "/usr/share/asterisk/sounds"
MOH = "/usr/share/asterisk/moh"
AST_LIC = "CC-BY-SA-3.0 (Asterisk core sounds / opsound MOH, Digium)"
SPI_LIC = "CC0-1.0 (Sonic Pi samples via npm supersonic-scsynth-samples@0.84.2)"
NPM_PKG = "supersonic-scsynth-samples@0.84.2"

# Real read speech: prompts per language (skipping tones/beeps which are not speech).
SPEECH = {"en_US_f_Allison": 45, "es_MX_f_Allison": 25, "fr_CA_f_June": 25}
SPEECH_MIN_BYTES = 16000  # G.722 is 8000 B/s: keep prompts of at least ~2 s

# Music: the five MOH tracks (one 30 s excerpt each) and Sonic Pi loops/instruments.
MOH_EXCERPT = (30.0, 30.0)  # (offset s, duration s)
SPI_MUSIC = ["loop_amen", "loop_breakbeat", "loop_compus", "loop_garzul", "loop_mika",
             "loop_safari", "loop_tabla", "loop_electric", "loop_industrial",
             "loop_mehackit1", "loop_mehackit2", "loop_perc1", "loop_weirdo",
             "guit_em9", "guit_e_fifths", "guit_harmonics", "ambi_piano", "ambi_choir",
             "tbd_pad_1", "tbd_pad_2", "tbd_pad_3", "tbd_highkey_c4"]
# Recorded noise / ambience (stationary-ish backgrounds of an always-on microphone).
SPI_NOISE = ["vinyl_hiss", "ambi_drone", "ambi_sauna", "ambi_soft_buzz", "ambi_glass_hum",
             "ambi_dark_woosh", "ambi_haunted_hum", "ambi_lunar_land", "ambi_glass_rub",
             "loop_3d_printer", "tbd_fxbed_loop", "ambi_swoosh"]
NOISE_RMS_DBFS = -30.0  # recorded ambience is levelled to a background level

# Coloured noise (sox synth -R): colour x level, 6 s each.
COLOURS = ["whitenoise", "pinknoise", "brownnoise"]
NOISE_LEVELS_DBFS = [-25, -35, -45]
NOISE_SEC = 6.0
# Silence and near-silence (digital zero, mic self-noise).
SILENCE = [("zero", None, None), ("zero2", None, None), ("zero3", None, None),
           ("hiss", "whitenoise", -66), ("hiss2", "whitenoise", -72), ("hiss3", "whitenoise", -60),
           ("rumble", "brownnoise", -58), ("rumble2", "brownnoise", -64), ("pinkfloor", "pinknoise", -62)]
SILENCE_SEC = 4.0

# Synthetic speech.
SENTENCES = [
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "Please leave a message after the tone and we will call you back.",
    "Turn on the kitchen lights and set the timer for ten minutes.",
    "Weather tomorrow: light rain in the morning, clearing by the afternoon.",
    "She sells sea shells by the sea shore every summer.",
    "Battery level is low, please connect the charger soon.",
]
ESPEAK_VOICES = ["en", "en-us", "es", "fr", "de"]
FLITE_VOICES = ["slt", "rms", "awb", "kal16"]
TTS_LIC = {"espeak-ng": "GPL-3.0-or-later (espeak-ng output)", "flite": "BSD-style (flite voices)"}

# Mixtures: speech over noise and over music at several SNRs (dB), made inside one split.
NOISE_SNRS = [0, 10, 20]
MUSIC_SNRS = [5, 15]
MIXES_PER_SPLIT = {"train": 6, "val": 2, "test": 2}  # per SNR


def split_of(group_members, name):
    """Split by source file: within each group, order by a hash of the name; the first goes
    to test, the second to val, the rest to train (so every group is in every split), then
    roughly 10 % more to test and val by hash for larger groups."""
    order = sorted(group_members, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
    i = order.index(name)
    if i == 0:
        return "test"
    if i == 1:
        return "val"
    h = int(hashlib.sha1(("s" + name).encode()).hexdigest(), 16) % 10
    return "test" if h == 0 else "val" if h == 1 else "train"


def speech_files(voice):
    d = os.path.join(AST, voice)
    names = sorted(f for f in os.listdir(d) if f.endswith(".g722")
                   and "beep" not in f and "tone" not in f
                   and os.path.getsize(os.path.join(d, f)) >= SPEECH_MIN_BYTES)
    step = max(1, len(names) // SPEECH[voice])
    return [os.path.join(d, n) for n in names[::step][:SPEECH[voice]]]
