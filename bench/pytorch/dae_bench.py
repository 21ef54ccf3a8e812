#!/usr/bin/python3
"""Reference for `bench dae`: the bridge's convolutional denoising autoencoder trained in PyTorch.

Mirrors native/src/models.cpp (ConvAutoencoder) and rgt_trainer_train_epoch in native/src/bridge.cpp
batch for batch, so that the only difference left is who drives libtorch (Python here, our C ABI there):

  model    input C x H x W; encoder block: conv k x k 'same' -> ReLU (or leaky ReLU) -> max-pool 2x2; decoder
           block: conv -> ReLU -> nearest up-sampling x2; then conv -> input channels -> sigmoid;
           Glorot-uniform weights, zero hidden biases (as Keras), output bias --output-bias (extract.dae: the
           logit of the mean pixel); with --average-decay the same moving average of the weights as the
           bridge's trainer (it does not change the training loss, only adds its cost)
  seeds    weights from a generator seeded with --seed; shuffling and noise from one seeded with
           SplitMix64(--seed), the bridge's own derivation (rgt_trainer_create's mix()), so both sides draw
           identical streams and their losses agree to float rounding
  trainer  Adam(lr 1e-3, betas 0.9/0.999, eps 1e-7, single-tensor path as in C++), batch 64,
           a fresh random permutation per epoch, index_select of the batch, Gaussian noise sigma 0.05
           redrawn per batch and clamped in place to [0, 1], zero_grad (zeroing, not None, like the C++
           optimizer), MSE (mean), backward, step, loss.item() per batch (a sync the bridge also makes)
  runtime  torch.set_flush_denormal(True) before any parallel region, so libgomp's workers inherit the
           flush-to-zero control word (pthreads copy the creator's floating-point environment; the bridge
           sets it explicitly on every OpenMP thread); torch.set_num_threads(T)

Input: a raw little-endian float32 file of N x C x H x W values (written by the C# side, so both
train on identical data). One warm-up epoch is not timed; then E epochs are. Prints one JSON line.

  /usr/bin/python3 dae_bench.py --file images.f32 --images 4096 --epochs 3 --threads 2 [--preset seed-code]
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

PRESETS = {
    "published": {"encoder": [16, 16], "decoder": [16, 16]},
    "seed-code": {"encoder": [16, 16, 16], "decoder": [16, 16, 16]},
}


class ConvAutoencoder(torch.nn.Module):
    def __init__(self, channels, encoder_filters, decoder_filters, kernel_size, generator, output_bias=0.0,
                 negative_slope=None):
        super().__init__()
        self.negative_slope = negative_slope
        pad = kernel_size // 2
        self.encoder = torch.nn.ModuleList()
        self.decoder = torch.nn.ModuleList()
        c = channels
        for f in encoder_filters:
            self.encoder.append(torch.nn.Conv2d(c, f, kernel_size, padding=pad))
            c = f
        for f in decoder_filters:
            self.decoder.append(torch.nn.Conv2d(c, f, kernel_size, padding=pad))
            c = f
        self.output = torch.nn.Conv2d(c, channels, kernel_size, padding=pad)
        with torch.no_grad():
            for p in self.parameters():
                if p.dim() > 1:  # Keras' glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out))
                    receptive = p[0][0].numel()
                    limit = math.sqrt(6.0 / (p.size(1) * receptive + p.size(0) * receptive))
                    p.uniform_(-limit, limit, generator=generator)
                else:
                    p.zero_()
            self.output.bias.fill_(output_bias)

    def act(self, x):
        return torch.relu(x) if self.negative_slope is None else F.leaky_relu(x, self.negative_slope)

    def forward(self, x):
        for conv in self.encoder:
            x = self.act(conv(x))
            x = F.max_pool2d(x, 2)
        for conv in self.decoder:
            x = self.act(conv(x))
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        return torch.sigmoid(self.output(x))


def split_mix64(x):
    """The bridge's mix(): SplitMix64's finaliser, deriving the trainer's stream from the model seed."""
    mask = (1 << 64) - 1
    x = (x + 0x9E3779B97F4A7C15) & mask
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & mask
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & mask
    return x ^ (x >> 31)


def process_counters():
    """(user s, system s, minor page faults) of this process from /proc/self/stat, as the C# side reads them."""
    try:
        with open("/proc/self/stat") as f:
            stat = f.read()
    except OSError:
        return (0.0, 0.0, 0)
    fields = stat[stat.rindex(")") + 2:].split()  # fields[0] is field 3 (state)
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) / ticks, int(fields[12]) / ticks, int(fields[7]))


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--file", required=True)
    a.add_argument("--images", type=int, required=True)
    a.add_argument("--epochs", type=int, default=3)
    a.add_argument("--threads", type=int, default=1)
    a.add_argument("--preset", choices=sorted(PRESETS), default="published")
    a.add_argument("--side", type=int, default=64)
    a.add_argument("--channels", type=int, default=1)
    a.add_argument("--batch-size", type=int, default=64)
    a.add_argument("--noise-std", type=float, default=0.05)
    a.add_argument("--seed", type=int, default=42)
    a.add_argument("--no-flush-denormal", action="store_true")
    a.add_argument("--output-bias", type=float, default=0.0)
    a.add_argument("--activation", choices=["relu", "leaky_relu"], default="relu")
    a.add_argument("--average-decay", type=float, default=0.0)
    args = a.parse_args()

    # Before anything runs in parallel: worker threads are created later and inherit this thread's MXCSR.
    if not args.no_flush_denormal:
        torch.set_flush_denormal(True)
    torch.set_num_threads(args.threads)

    size = args.images * args.channels * args.side * args.side
    if os.path.getsize(args.file) != size * 4:
        sys.exit(f"{args.file}: expected {size * 4} bytes ({args.images} images), found {os.path.getsize(args.file)}")
    data = torch.from_file(args.file, shared=False, size=size, dtype=torch.float32)
    data = data.view(args.images, args.channels, args.side, args.side)

    init = torch.Generator().manual_seed(args.seed)
    preset = PRESETS[args.preset]
    model = ConvAutoencoder(args.channels, preset["encoder"], preset["decoder"], 3, init, args.output_bias,
                            0.01 if args.activation == "leaky_relu" else None)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7, weight_decay=0.0)
    trainer_seed = split_mix64(args.seed)  # manual_seed takes the uint64 as a signed int64
    generator = torch.Generator().manual_seed(trainer_seed - (1 << 64) if trainer_seed >= 1 << 63 else trainer_seed)
    bs = args.batch_size
    average = [p.detach().clone() for p in model.parameters()] if args.average_decay > 0 else None
    steps = [0]

    def epoch():
        model.train()
        visit = torch.randperm(args.images, generator=generator)
        total, seen = 0.0, 0
        for b in range((args.images + bs - 1) // bs):
            clean = data.index_select(0, visit[b * bs:(b + 1) * bs])
            noisy = clean
            if args.noise_std > 0:
                noisy = clean + args.noise_std * torch.randn(clean.size(), generator=generator, dtype=torch.float32)
                noisy.clamp_(0.0, 1.0)
            optimizer.zero_grad()
            loss = F.mse_loss(model(noisy), clean)
            loss.backward()
            optimizer.step()
            steps[0] += 1
            if average is not None:  # the bridge's weight averaging: decay min(d, (1 + t) / (10 + t))
                decay = min(args.average_decay, (1 + steps[0]) / (10 + steps[0]))
                with torch.no_grad():
                    for p, q in zip(model.parameters(), average):
                        q.mul_(decay).add_(p.detach(), alpha=1 - decay)
            n = clean.size(0)
            total += loss.item() * n
            seen += n
        return total / seen

    start = time.perf_counter()
    warmup_loss = epoch()
    warmup_seconds = time.perf_counter() - start
    losses, epoch_seconds = [], []
    before = process_counters()
    start = time.perf_counter()
    for _ in range(args.epochs):
        losses.append(epoch())
        epoch_seconds.append(time.perf_counter() - start - sum(epoch_seconds))
    seconds = time.perf_counter() - start
    after = process_counters()
    print(json.dumps({
        "implementation": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "preset": args.preset,
        "images": args.images,
        "epochs": args.epochs,
        "seconds": seconds,
        "images_per_second": args.images * args.epochs / seconds,
        "warmup_seconds": warmup_seconds,
        "epoch_seconds": epoch_seconds,
        "warmup_loss": warmup_loss,
        "final_loss": losses[-1],
        "user_seconds": after[0] - before[0],
        "system_seconds": after[1] - before[1],
        "minor_faults": after[2] - before[2],
    }))


if __name__ == "__main__":
    main()
