"""Speed of the course framework (utils.nn) against PyTorch on the CPU.

    python benchmarks/bench_nn.py                 # 1 and 2 threads, every case
    python benchmarks/bench_nn.py --threads 1 --repeats 9

Both sides run float32 with the same number of threads (BLAS threads for NumPy, intra-op
threads for PyTorch) and time a forward plus a backward pass (gradients for the input and every
weight), the minimum over several runs (the machine may be shared: the minimum is the least
disturbed run; the two sides take turns, so that a passing load hits both alike).  The
framework runs through its layers and autograd, as a model does.
PyTorch is an optional dependency, installed with the ``bench`` extra
(``pip install -e .[bench]``); without it the script prints the framework's times only.

Each thread count runs in a fresh process, because OpenBLAS reads its thread count when NumPy
is first imported.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (name, batch, n_H = n_W, n_C_prev, filters, f, stride)
CONV_CASES = [
    ("conv 64x64x3 -> 32, 7x7 same", 32, 64, 3, 32, 7, 1),
    ("conv 32x32x32 -> 64, 3x3 same", 32, 32, 32, 64, 3, 1),
    ("conv 16x16x64 -> 128, 3x3 same", 32, 16, 64, 128, 3, 1),
    ("conv 8x8x128 -> 256, 3x3 s2 same", 32, 8, 128, 256, 3, 2),
]
POOL_CASE = ("max pool 2x2 on 32x32x64", 32, 32, 64, 2)
DENSE_CASE = ("dense 1024 -> 1024", 256, 1024, 1024)
LSTM_CASE = ("LSTM 30 steps, 64 units", 64, 30, 64, 64)        # batch, T, n_x, units
# c5w3a1's date translation model (Bi-LSTM 2x32, attention, LSTM 64, Tx 30, Ty 10): one training
# step, forward and the backward of the summed cross-entropy of the 10 outputs
ATTENTION_CASE = ("date attention model, train step", 100)      # batch
# batch, T, d_model, heads, feed-forward size: one post-LN encoder layer (c5w4a1's demo sizes)
ENCODER_CASE = ("encoder layer, 30 steps, d 64", 64, 30, 64, 4, 128)
# c4w3a1's tiny YOLO (128x128 scenes, batch 32): its full-resolution stem and the narrow layer
# after the first pooling
CONV_CASES += [("conv 128x128x3 -> 16, 3x3 same (YOLO)", 32, 128, 3, 16, 3, 1),
               ("conv 64x64x16 -> 32, 3x3 same (YOLO)", 32, 64, 16, 32, 3, 1)]
# U-Net-shaped cases (c4w3a2, n_filters=8 at 96x128 input): narrow layers on full-resolution
# images, memory-bound rather than GEMM-bound.  (name, kind, batch, n_H, n_W, n_C_prev, filters,
# f, stride); kind "conv" is Conv2D "same", "transpose" Conv2DTranspose "same", "pool" 2x2
# max pooling
UNET_CASES = [
    ("unet conv 96x128x3 -> 8, 3x3", "conv", 32, 96, 128, 3, 8, 3, 1),
    ("unet conv 96x128x8 -> 8, 3x3", "conv", 32, 96, 128, 8, 8, 3, 1),
    ("unet conv 48x64x16 -> 16, 3x3", "conv", 32, 48, 64, 16, 16, 3, 1),
    ("unet transpose 48x64x16 -> 8, 3x3 s2", "transpose", 32, 48, 64, 16, 8, 3, 2),
    ("unet transpose 6x8x128 -> 64, 3x3 s2", "transpose", 32, 6, 8, 128, 64, 3, 2),
    ("unet max pool 2x2 on 96x128x8", "pool", 32, 96, 128, 8, 8, 2, 2),
]
# c4w3a2's U-Net (utils.unet) at n_filters=8, 11 classes, 96x128x3 input: one training step
# (forward in training mode, mean pixel cross-entropy, backward), batch 16
UNET_STEP_CASE = ("unet train step, n_filters 8, batch 16", 16, 8, 11)
# c5w3a2's trigger-word model (Conv1D 64x15 stride 4, BN, 2 GRU 64, TimeDistributed Dense) on
# (998, 101) spectrograms: one training step, forward and the backward of the binary
# cross-entropy of the 246 outputs; and its GRU alone, 246 steps
TRIGGER_CASE = ("trigger model (Conv1D+2 GRU), train step", 32)  # batch
GRU_CASE = ("GRU 246 steps, 64 units", 32, 246, 64, 64)         # batch, T, n_x, units
# c4w4a2's random VGG-like feature network (utils.style_features), frozen: one image
# n x n, forward to the 5 outputs and backward to the input only (a style-transfer step)
STYLE_CASE = ("style features 128x128, grad to input", 128)


def best_of_interleaved(steps, repeats):
    """Minimum time of each step function; the steps take turns, so that a load that comes
    and goes on a shared machine hits both sides alike."""
    for step in steps.values():
        step()                                  # warm-up (allocations, first-call paths)
    best = {key: float("inf") for key in steps}
    for _ in range(repeats):
        for key, step in steps.items():
            start = time.perf_counter()
            step()
            best[key] = min(best[key], time.perf_counter() - start)
    return best


# ------------------------------------------------------------------------- the framework
def framework_steps():
    """{case name: a function that runs one forward + backward pass} (None where missing)."""
    import numpy as np
    from utils import nn
    from utils.nn import Tensor

    rng = np.random.default_rng(0)
    f32 = np.float32

    def layer_step(layer, x_shape):
        x = Tensor(rng.normal(size=x_shape).astype(f32), requires_grad=True)
        g = rng.normal(size=layer(x).shape).astype(f32)

        def step():
            for w in [x] + layer.trainable_weights:
                w.zero_grad()
            layer(x).backward(g)
        return step

    steps = {}
    for name, m, n, c, k, f, s in CONV_CASES:
        steps[name] = layer_step(nn.Conv2D(k, f, strides=s, padding="same"), (m, n, n, c))
    name, m, n, c, f = POOL_CASE
    steps[name] = layer_step(nn.MaxPooling2D(f), (m, n, n, c))
    name, m, n_in, n_out = DENSE_CASE
    steps[name] = layer_step(nn.Dense(n_out), (m, n_in))
    name, m, T, n_x, u = LSTM_CASE
    lstm_cls = getattr(nn, "LSTM", None)        # the recurrent layers come from branch nn-seq
    steps[name] = None if lstm_cls is None else \
        layer_step(lstm_cls(u, return_sequences=True), (m, T, n_x))
    steps[ATTENTION_CASE[0]] = attention_step(ATTENTION_CASE[1])
    name, m, T, d, h, ff = ENCODER_CASE
    from utils.transformer import EncoderLayer
    inp = nn.Input((T, d))
    steps[name] = layer_step(nn.Model(inp, EncoderLayer(inp, None, h, d, ff, dropout_rate=0.0)),
                             (m, T, d))
    name, m, T, n_x, u = GRU_CASE
    steps[name] = layer_step(nn.GRU(u, return_sequences=True), (m, T, n_x))
    steps[TRIGGER_CASE[0]] = trigger_step(TRIGGER_CASE[1])
    steps[STYLE_CASE[0]] = style_step(STYLE_CASE[1])
    for name, kind, m, H, W, c, k, f, s in UNET_CASES:
        layer = {"conv": lambda: nn.Conv2D(k, f, strides=s, padding="same"),
                 "transpose": lambda: nn.Conv2DTranspose(k, f, strides=s, padding="same"),
                 "pool": lambda: nn.MaxPooling2D(f)}[kind]()
        steps[name] = layer_step(layer, (m, H, W, c))
    steps[UNET_STEP_CASE[0]] = unet_step(*UNET_STEP_CASE[1:])
    return steps


def unet_step(m, n_filters, n_classes):
    """One training step of c4w3a2's U-Net (utils.unet), without the update."""
    import numpy as np
    from utils import nn
    from utils.unet import unet_model

    rng = np.random.default_rng(0)
    nn.set_seed(0)
    model = unet_model((96, 128, 3), n_filters, n_classes)
    x = rng.uniform(size=(m, 96, 128, 3)).astype(np.float32)
    y = rng.integers(0, n_classes, size=(m, 96, 128))

    def step():
        for w in model.trainable_weights:
            w.zero_grad()
        logits = model(x, training=True)
        nn.ops.mean(nn.ops.softmax_cross_entropy(logits, y, sparse=True)).backward()
    return step


def trigger_step(m):
    """One training step of c5w3a2's model (utils.trigger_word.modelf), without the update."""
    import numpy as np
    from utils import nn
    from utils.trigger_word import modelf

    rng = np.random.default_rng(0)
    model = modelf((998, 101))
    x = rng.normal(-50, 10, size=(m, 998, 101)).astype(np.float32)
    y = (rng.random((m, 246, 1)) < 0.3).astype(np.float32)

    def step():
        for w in model.trainable_weights:
            w.zero_grad()
        nn.losses.binary_crossentropy(y, model(x, training=True)).backward()
    return step


def attention_step(m):
    """One training step of c5w3a1's model (utils.date_attention), without the update."""
    import numpy as np
    from utils import nn
    from utils.date_attention import modelf

    rng = np.random.default_rng(0)
    model = modelf(30, 10, 32, 64, 37, 11)
    x = np.eye(37, dtype=np.float32)[rng.integers(0, 37, size=(m, 30))]
    zeros = np.zeros((m, 64), dtype=np.float32)
    ys = [np.eye(11, dtype=np.float32)[rng.integers(0, 11, size=m)] for _ in range(10)]

    def step():
        for w in model.trainable_weights:
            w.zero_grad()
        outs = model([x, zeros, zeros], training=True)
        loss = nn.losses.categorical_crossentropy(ys[0], outs[0])
        for y, out in zip(ys[1:], outs[1:]):
            loss = loss + nn.losses.categorical_crossentropy(y, out)
        loss.backward()
    return step


# ------------------------------------------------------------------------------- PyTorch
def style_step(n):
    """c4w4a2's feature network: forward and backward to the image (weights frozen)."""
    import numpy as np
    from utils.nn import Tensor
    from utils.style_features import make_feature_model

    rng = np.random.default_rng(0)
    model = make_feature_model()
    x = Tensor(rng.uniform(size=(1, n, n, 3)).astype(np.float32), requires_grad=True)
    gs = [rng.normal(size=o.shape).astype(np.float32) for o in model(x)]

    def step():
        x.zero_grad()
        outs = model(x)
        loss = (outs[0] * gs[0]).sum()
        for o, g in zip(outs[1:], gs[1:]):
            loss = loss + (o * g).sum()
        loss.backward()
    return step


def torch_style_step(torch, n):
    """The same network in PyTorch (NCHW, random frozen weights, average pooling)."""
    F = torch.nn.functional
    widths = ((32, 32), (64, 64), (128, 128), (256,))
    convs, n_in = [], 3
    for block in widths:
        for w in block:
            convs.append((torch.randn(w, n_in, 3, 3) * (2.0 / (9 * n_in)) ** 0.5,
                          torch.zeros(w)))
            n_in = w

    def features(x):
        outs, k = [], 0
        x = x * 2 - 1
        for b, block in enumerate(widths):
            if b > 0:
                x = F.avg_pool2d(x, 2)
            for c in range(len(block)):
                x = F.relu(F.conv2d(x, *convs[k], padding=1))
                k += 1
                if c == 0 or b == 2:
                    outs.append(x)                 # block1..4 conv1, and block3_conv2
        return outs

    x = torch.rand(1, 3, n, n, requires_grad=True)
    with torch.no_grad():
        gs = [torch.randn_like(o) for o in features(x)]

    def step():
        x.grad = None
        loss = sum((o * g).sum() for o, g in zip(features(x), gs))
        loss.backward()
    return step


def torch_steps(threads):
    """The same cases in PyTorch, or None when it is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    torch.manual_seed(0)

    def module_step(module, x_shape):
        x = torch.randn(*x_shape, requires_grad=True)
        with torch.no_grad():
            out = module(x)
        g = torch.randn_like(out[0] if isinstance(out, tuple) else out)

        def step():
            x.grad = None
            for p in module.parameters():
                p.grad = None
            y = module(x)
            (y[0] if isinstance(y, tuple) else y).backward(g)
        return step

    steps = {}
    for name, m, n, c, k, f, s in CONV_CASES:
        # NCHW, PyTorch's native layout; symmetric padding f // 2 gives the same output size
        # (and the same work) as TensorFlow's "same" rule for these shapes
        steps[name] = module_step(torch.nn.Conv2d(c, k, f, stride=s, padding=f // 2),
                                  (m, c, n, n))
    name, m, n, c, f = POOL_CASE
    steps[name] = module_step(torch.nn.MaxPool2d(f), (m, c, n, n))
    name, m, n_in, n_out = DENSE_CASE
    steps[name] = module_step(torch.nn.Linear(n_in, n_out), (m, n_in))
    name, m, T, n_x, u = LSTM_CASE
    steps[name] = module_step(torch.nn.LSTM(n_x, u, batch_first=True), (m, T, n_x))
    steps[ATTENTION_CASE[0]] = torch_attention_step(torch, ATTENTION_CASE[1])
    name, m, T, d, h, ff = ENCODER_CASE
    steps[name] = module_step(torch.nn.TransformerEncoderLayer(
        d, h, dim_feedforward=ff, dropout=0.0, layer_norm_eps=1e-6, batch_first=True), (m, T, d))
    name, m, T, n_x, u = GRU_CASE
    steps[name] = module_step(torch.nn.GRU(n_x, u, batch_first=True), (m, T, n_x))
    steps[TRIGGER_CASE[0]] = torch_trigger_step(torch, TRIGGER_CASE[1])
    steps[STYLE_CASE[0]] = torch_style_step(torch, STYLE_CASE[1])
    for name, kind, m, H, W, c, k, f, s in UNET_CASES:
        # "same" output sizes: padding f // 2, and output_padding s - 1 for the transpose
        module = {"conv": lambda: torch.nn.Conv2d(c, k, f, stride=s, padding=f // 2),
                  "transpose": lambda: torch.nn.ConvTranspose2d(
                      c, k, f, stride=s, padding=f // 2, output_padding=s - 1),
                  "pool": lambda: torch.nn.MaxPool2d(f)}[kind]()
        steps[name] = module_step(module, (m, c, H, W))
    steps[UNET_STEP_CASE[0]] = torch_unet_step(torch, *UNET_STEP_CASE[1:])
    return steps


def torch_unet_step(torch, m, n_filters, n_classes):
    """The same U-Net and step in PyTorch (NCHW)."""
    nnt = torch.nn

    def double_conv(c_in, c_out, dropout=0.0):
        layers = [nnt.Conv2d(c_in, c_out, 3, padding=1), nnt.ReLU(),
                  nnt.Conv2d(c_out, c_out, 3, padding=1), nnt.ReLU()]
        return nnt.Sequential(*layers + ([nnt.Dropout(dropout)] if dropout else []))

    class UNet(nnt.Module):
        def __init__(self, n):
            super().__init__()
            sizes = [n, 2 * n, 4 * n, 8 * n, 16 * n]
            self.down = nnt.ModuleList([double_conv(3, n), double_conv(n, 2 * n),
                                        double_conv(2 * n, 4 * n),
                                        double_conv(4 * n, 8 * n, 0.3),
                                        double_conv(8 * n, 16 * n, 0.3)])
            self.ups = nnt.ModuleList([nnt.ConvTranspose2d(sizes[i + 1], sizes[i], 3, stride=2,
                                                           padding=1, output_padding=1)
                                       for i in range(3, -1, -1)])
            self.up_convs = nnt.ModuleList([double_conv(2 * sizes[i], sizes[i])
                                            for i in range(3, -1, -1)])
            self.head = nnt.Sequential(nnt.Conv2d(n, n, 3, padding=1), nnt.ReLU(),
                                       nnt.Conv2d(n, n_classes, 1))

        def forward(self, x):
            skips = []
            for i, block in enumerate(self.down):
                x = block(x)
                if i < 4:
                    skips.append(x)
                    x = torch.nn.functional.max_pool2d(x, 2)
            for up, conv, skip in zip(self.ups, self.up_convs, reversed(skips)):
                x = conv(torch.cat([up(x), skip], dim=1))
            return self.head(x)

    model = UNet(n_filters)
    x = torch.rand(m, 3, 96, 128)
    y = torch.randint(0, n_classes, (m, 96, 128))

    def step():
        for p in model.parameters():
            p.grad = None
        torch.nn.functional.cross_entropy(model(x), y).backward()
    return step


def torch_trigger_step(torch, m):
    """The same model and step in PyTorch (NCL layout for the convolution and batch norms)."""
    F = torch.nn.functional

    class Trigger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = torch.nn.Conv1d(101, 64, 15, stride=4)
            self.bn0, self.bn1, self.bn2 = (torch.nn.BatchNorm1d(64, eps=1e-3) for _ in range(3))
            self.gru1 = torch.nn.GRU(64, 64, batch_first=True)
            self.gru2 = torch.nn.GRU(64, 64, batch_first=True)
            self.out = torch.nn.Linear(64, 1)

        def forward(self, x):                                   # x (m, 998, 101)
            h = F.dropout(F.relu(self.bn0(self.conv(x.transpose(1, 2)))), 0.2)   # (m, 64, 246)
            h, _ = self.gru1(h.transpose(1, 2))                                # (m, 246, 64)
            h = self.bn1(F.dropout(h, 0.2).transpose(1, 2)).transpose(1, 2)
            h, _ = self.gru2(h)
            h = self.bn2(F.dropout(h, 0.2).transpose(1, 2)).transpose(1, 2)
            return torch.sigmoid(self.out(F.dropout(h, 0.2)))                  # (m, 246, 1)

    model = Trigger().train()
    x = torch.randn(m, 998, 101) * 10 - 50
    y = (torch.rand(m, 246, 1) < 0.3).float()

    def step():
        for p in model.parameters():
            p.grad = None
        F.binary_cross_entropy(model(x), y).backward()
    return step


def torch_attention_step(torch, m):
    """The same model and step in PyTorch (LSTMCell for the post-attention LSTM)."""
    F = torch.nn.functional

    class DateAttention(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = torch.nn.LSTM(37, 32, batch_first=True, bidirectional=True)
            self.densor1, self.densor2 = torch.nn.Linear(128, 10), torch.nn.Linear(10, 1)
            self.cell, self.output = torch.nn.LSTMCell(64, 64), torch.nn.Linear(64, 11)

        def forward(self, x, s, c):
            a, _ = self.encoder(x)                                    # (m, 30, 64)
            logits = []
            for _ in range(10):
                concat = torch.cat([a, s[:, None, :].expand(-1, a.shape[1], -1)], dim=-1)
                alphas = F.softmax(F.relu(self.densor2(torch.tanh(self.densor1(concat)))), 1)
                s, c = self.cell((alphas * a).sum(dim=1), (s, c))
                logits.append(self.output(s))
            return torch.stack(logits, dim=1)                         # (m, 10, 11)

    model = DateAttention()
    x = F.one_hot(torch.randint(0, 37, (m, 30)), 37).float()
    zeros = torch.zeros(m, 64)
    labels = torch.randint(0, 11, (m, 10))

    def step():
        for p in model.parameters():
            p.grad = None
        logits = model(x, zeros, zeros)
        (F.cross_entropy(logits.reshape(-1, 11), labels.reshape(-1)) * 10).backward()
    return step


def child(threads, repeats, only=None):
    ours, theirs = framework_steps(), torch_steps(threads)
    result = {"ours": {}, "torch": None if theirs is None else {}}
    for name, step in ours.items():
        if only and only not in name:
            continue
        steps = {} if step is None else {"ours": step}
        if theirs is not None:
            steps["torch"] = theirs[name]
        best = best_of_interleaved(steps, repeats)
        result["ours"][name] = best.get("ours")
        if theirs is not None:
            result["torch"][name] = best["torch"]
    return result


# ------------------------------------------------------------------------------ reporting
def gflop(name):
    """Floating-point operations of forward + backward (3 x the forward's multiply-adds x 2)."""
    for case in CONV_CASES:
        if case[0] == name:
            _, m, n, c, k, f, s = case
            n_out = -(-n // s)
            return 3 * 2 * m * n_out * n_out * k * f * f * c / 1e9
    if name == DENSE_CASE[0]:
        _, m, n_in, n_out = DENSE_CASE
        return 3 * 2 * m * n_in * n_out / 1e9
    if name == LSTM_CASE[0]:
        _, m, T, n_x, u = LSTM_CASE
        return 3 * 2 * m * T * (n_x + u) * 4 * u / 1e9
    if name == GRU_CASE[0]:
        _, m, T, n_x, u = GRU_CASE
        return 3 * 2 * m * T * (n_x + u) * 3 * u / 1e9
    if name == STYLE_CASE[0]:
        n, flops, n_in = STYLE_CASE[1], 0, 3
        for b, block in enumerate(((32, 32), (64, 64), (128, 128), (256,))):
            for w in block:
                flops += 2 * (n >> b) ** 2 * 9 * n_in * w
                n_in = w
        return 2 * flops / 1e9                    # forward, and the backward to the input only
    for case in UNET_CASES:
        if case[0] == name and case[1] != "pool":
            _, kind, m, H, W, c, k, f, s = case
            # a transposed conv does f*f*k*c multiply-adds per *input* pixel
            pixels = m * H * W if kind == "transpose" else m * (-(-H // s)) * (-(-W // s))
            return 3 * 2 * pixels * k * f * f * c / 1e9
    if name == ENCODER_CASE[0]:
        _, m, T, d, h, ff = ENCODER_CASE
        return 3 * 2 * m * T * (4 * d * d + 2 * d * ff + 2 * T * d) / 1e9
    return None


def measure(threads, repeats, only=None):
    """Run in a child process with the thread count fixed before NumPy loads."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, __file__, "--child", str(threads), "--repeats",
                          str(repeats)] + (["--only", only] if only else []), env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(threads, ours, theirs):
    print(f"\n{threads} thread(s), float32, forward + backward, best of the runs")
    print(f"{'case':<36}{'ours ms':>9}{'GFLOP/s':>9}{'torch ms':>10}{'GFLOP/s':>9}{'ratio':>8}")
    for name, t in ours.items():
        work = gflop(name)
        tt = None if theirs is None else theirs.get(name)
        cells = [f"{name:<36}"]
        cells.append(f"{'n/a':>9}" if t is None else f"{1e3 * t:>9.2f}")
        cells.append(f"{work / t:>9.1f}" if work and t else f"{'-':>9}")
        cells.append(f"{'n/a':>10}" if tt is None else f"{1e3 * tt:>10.2f}")
        cells.append(f"{work / tt:>9.1f}" if work and tt else f"{'-':>9}")
        cells.append(f"{t / tt:>7.2f}x" if t and tt else f"{'-':>8}")
        print("".join(cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--only", default=None,
                        help="run only the cases whose name contains this text, e.g. unet")
    args = parser.parse_args()
    if args.child is not None:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(args.child, args.repeats, args.only)))
        return
    for threads in args.threads:
        result = measure(threads, args.repeats, args.only)
        if result["torch"] is None:
            print("PyTorch is not installed (pip install -e .[bench]): framework times only")
        print_table(threads, result["ours"], result["torch"])


if __name__ == "__main__":
    main()
