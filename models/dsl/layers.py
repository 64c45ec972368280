"""Causal 1-D building blocks. Every op here exports to the ONNX subset dslc accepts
(Conv, ConvTranspose, Elu, Add, Pad, Slice): padding only on the left, and transposed
convolutions cropped on the right, so the model streams frame by frame."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def _init(conv, fan_in):
    """Variance-preserving init (std 1/sqrt(fan_in)). PyTorch's default shrinks the signal by
    ~sqrt(3) per layer; with small audio amplitudes ELU is nearly linear, so the ~12-layer paths
    behave like a deep linear net that then sits for thousands of steps at the all-zero output
    saddle (measured: SNR stuck at 0 dB). With this init it escapes in tens of steps."""
    nn.init.normal_(conv.weight, 0.0, fan_in ** -0.5)
    nn.init.zeros_(conv.bias)


class CConv(nn.Module):
    """Causal conv. stride 1: left pad dil*(k-1). Strided (k = 2*stride): left pad k-stride,
    so output j sees input up to (j+1)*stride-1, i.e. its own frame and the past only."""

    def __init__(self, cin, cout, k, stride=1, dil=1):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, k, stride=stride, dilation=dil)
        _init(self.conv, cin * k)
        self.left = dil * (k - 1) if stride == 1 else k - stride
        self.stride = stride

    def forward(self, x):
        return self.conv(F.pad(x, (self.left, 0)))


class CConvT(nn.Module):
    """Upsampling by `stride` with kernel 2*stride; the last k-stride samples are cropped so
    output sample n depends only on input frames j with j*stride <= n."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv = nn.ConvTranspose1d(cin, cout, 2 * stride, stride=stride)
        _init(self.conv, cin * 2)  # each output sample sums 2 taps per input channel
        self.crop = stride  # k - stride

    def forward(self, x):
        return self.conv(x)[..., :-self.crop]


class ResUnit(nn.Module):
    """SoundStream residual unit: ELU -> dilated causal conv k -> ELU -> 1x1 conv, plus skip."""

    def __init__(self, c, dil, k=3):
        super().__init__()
        self.a = CConv(c, c, k, dil=dil)
        self.b = CConv(c, c, 1)

    def forward(self, x):
        return x + self.b(F.elu(self.a(F.elu(x))))
