"""DSL SoundStream-style model, losses, training, export and evaluation (issue 2)."""
