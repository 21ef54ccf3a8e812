#!/usr/bin/env python3
"""Reference timings for `bench radiomics`: pywt.swtn (level 1, PyRadiomics' padding and axes) and the
scale-normalised LoG by scipy.ndimage Gaussian derivatives, on the same float32 boxes the C# side filters.
Usage: radiomics_filters_timing.py <boxes.f32> <shapes.txt> <wavelet> <sigma_mm> <repeats>
Prints: <seconds for all wavelet decompositions> <seconds for all LoG images> (best of repeats)."""
import sys, time
import numpy as np
import pywt
from scipy import ndimage

data = np.fromfile(sys.argv[1], dtype=np.float32)
shapes = [tuple(float(v) for v in line.split()) for line in open(sys.argv[2]) if line.strip()]
wavelet, sigma, repeats = pywt.Wavelet(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
boxes, at = [], 0
for nx, ny, nz, sx, sy, sz in shapes:
    n = int(nx * ny * nz)
    boxes.append((data[at:at + n].reshape(int(nz), int(ny), int(nx)).astype(np.float64), (sz, sy, sx)))
    at += n

def swt(img):
    pad = tuple((0, 1 if n % 2 else 0) for n in img.shape)
    dec = pywt.swtn(np.pad(img, pad, 'wrap'), wavelet, level=1, start_level=0, axes=(2, 1, 0))[0]
    crop = tuple(slice(None, -1 if n % 2 else None) for n in img.shape)
    return {k: v[crop] for k, v in dec.items()}

def log(img, spacing):
    total = np.zeros_like(img)
    for axis in range(3):
        order = [0, 0, 0]; order[axis] = 2
        total += ndimage.gaussian_filter(img, [sigma / s for s in spacing], order=order, mode='nearest', truncate=4.0) / spacing[axis] ** 2
    return sigma ** 2 * total

best_w = best_l = float('inf')
for _ in range(repeats):
    t = time.perf_counter()
    for img, _sp in boxes: swt(img)
    best_w = min(best_w, time.perf_counter() - t)
    t = time.perf_counter()
    for img, sp in boxes: log(img, sp)
    best_l = min(best_l, time.perf_counter() - t)
print(f"{best_w:.6f} {best_l:.6f}")
