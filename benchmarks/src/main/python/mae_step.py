"""PyTorch peer of MaeStepBenchmark: the identical MAE (same shapes, same ops, same optimiser), batch and threads.

Prints images per second of one optimisation step (forward, backward, AdamW), after warm-up.
Run with Debian's python3-torch and libopenblas0-pthread (without OpenBLAS, PyTorch falls back to the slow
reference BLAS and the comparison would be meaningless).
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def sincos(grid, width):
    quarter = width // 4
    out = torch.zeros(grid * grid, width)
    for row in range(grid):
        for col in range(grid):
            t = row * grid + col
            for i in range(quarter):
                omega = 1.0 / (10000 ** (i / quarter))
                out[t, i] = math.sin(col * omega)
                out[t, quarter + i] = math.cos(col * omega)
                out[t, 2 * quarter + i] = math.sin(row * omega)
                out[t, 3 * quarter + i] = math.cos(row * omega)
    return out.unsqueeze(0)


class Block(nn.Module):
    """Pre-norm block: x + MHSA(LN(x)), x + MLP(LN(x)), GELU (tanh), as io.pretrainbench.nn.Transformer."""

    def __init__(self, width, heads, ratio):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(width, eps=1e-6)
        self.q, self.k, self.v, self.out = (nn.Linear(width, width) for _ in range(4))
        self.ln2 = nn.LayerNorm(width, eps=1e-6)
        self.fc1 = nn.Linear(width, width * ratio)
        self.fc2 = nn.Linear(width * ratio, width)

    def forward(self, x):
        b, t, d = x.shape
        h = self.ln1(x)
        split = lambda y: y.reshape(b, t, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(self.q(h)), split(self.k(h)), split(self.v(h))
        attn = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads), dim=-1)
        x = x + self.out((attn @ v).transpose(1, 2).reshape(b, t, d))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))


class Mae(nn.Module):
    def __init__(self, patch=4, width=64, depth=4, heads=4, ratio=2, dec_width=64, dec_depth=1, mask_ratio=0.75):
        super().__init__()
        self.patch, self.grid = patch, 28 // patch
        self.n = self.grid * self.grid
        self.keep = max(1, round(self.n * (1 - mask_ratio)))
        self.embed = nn.Linear(patch * patch, width)
        self.register_buffer("pos", sincos(self.grid, width))
        self.blocks = nn.ModuleList(Block(width, heads, ratio) for _ in range(depth))
        self.norm = nn.LayerNorm(width, eps=1e-6)
        self.dec_embed = nn.Linear(width, dec_width)
        self.mask_token = nn.Parameter(0.02 * torch.randn(1, 1, dec_width))
        self.register_buffer("dec_pos", sincos(self.grid, dec_width))
        self.dec_blocks = nn.ModuleList(Block(dec_width, 4, ratio) for _ in range(dec_depth))
        self.dec_norm = nn.LayerNorm(dec_width, eps=1e-6)
        self.pred = nn.Linear(dec_width, patch * patch)

    def patchify(self, images):  # [B, 28, 28] -> [B, N, p*p], row-major over the patch grid
        b, g, p = images.shape[0], self.grid, self.patch
        return images.reshape(b, g, p, g, p).permute(0, 1, 3, 2, 4).reshape(b, self.n, p * p)

    def forward(self, images):
        b = images.shape[0]
        patches = self.patchify(images)
        order = torch.argsort(torch.rand(b, self.n), dim=1)
        restore = torch.argsort(order, dim=1)
        keep = order[:, :self.keep]
        x = self.embed(patches) + self.pos
        x = torch.gather(x, 1, keep.unsqueeze(-1).expand(-1, -1, x.shape[-1]))
        for blk in self.blocks:
            x = blk(x)
        x = self.dec_embed(self.norm(x))
        x = torch.cat([x, self.mask_token.expand(b, self.n - self.keep, -1)], dim=1)
        x = torch.gather(x, 1, restore.unsqueeze(-1).expand(-1, -1, x.shape[-1])) + self.dec_pos
        for blk in self.dec_blocks:
            x = blk(x)
        predicted = self.pred(self.dec_norm(x))
        mean = patches.mean(-1, keepdim=True)
        var = patches.var(-1, keepdim=True, unbiased=False)
        target = (patches - mean) / torch.sqrt(var + 1e-6)
        mask = torch.ones(b, self.n)
        mask.scatter_(1, keep, 0)
        per_patch = ((predicted - target) ** 2).mean(-1)
        return (per_patch * mask).sum() / mask.sum()


def loaded_blas():
    """The BLAS library actually mapped into this process (Debian's torch reports 'generic' at build time)."""
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return sorted(names)[0] if names else "none"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Mae()
    kernels = [p for n, p in model.named_parameters() if n.endswith("weight") and p.dim() == 2]
    others = [p for n, p in model.named_parameters() if not (n.endswith("weight") and p.dim() == 2)]
    opt = torch.optim.AdamW([{"params": kernels, "weight_decay": 0.05}, {"params": others, "weight_decay": 0.0}],
                            lr=1e-4)
    images = torch.rand(args.batch, 28, 28)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = model(images)
        loss.backward()
        opt.step()
        return loss

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    elapsed = time.perf_counter() - start
    print(json.dumps({"framework": "pytorch " + torch.__version__, "blas": loaded_blas(),
                      "threads": args.threads, "batch": args.batch,
                      "images_per_second": args.steps * args.batch / elapsed}))


if __name__ == "__main__":
    main()
