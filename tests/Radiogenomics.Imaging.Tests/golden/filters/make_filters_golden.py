#!/usr/bin/env python3
"""Golden values for the radiomics image filters (Radiogenomics.Imaging.Radiomics).

References run here (Debian: python3-scipy, python3-pywt), each as PyRadiomics or SimpleITK use it:
  * wavelet-XYZ: pywt.swtn(level=1) on the image wrap-padded to even sizes, axes (x, y, z), cropped back
    (PyRadiomics' _swt3); coif1 and haar, all 8 combinations.
  * log-sigma-S-mm-3D: sigma^2 * sum over axes of d2/dx_i^2 of the Gaussian-smoothed image, sigma in mm
    (sigma/spacing voxels per axis), FIR kernel truncated at 4 sigma, edge voxels repeated (scipy.ndimage,
    mode 'nearest'). SimpleITK's LaplacianRecursiveGaussian (PyRadiomics) is an IIR approximation of the same
    operator with normalizeAcrossScale (the sigma^2 factor).
  * gradient: |grad| by central differences in mm, edge voxels repeated (ITK GradientMagnitudeImageFilter with
    its zero-flux Neumann boundary).
  * square, squareroot, logarithm, exponential: PyRadiomics' formulas (imageoperations.py).
Writes filters_golden.csv: one row per voxel in Radiogenomics' order (column fastest, then row, then slice).
Run: /usr/bin/python3 make_filters_golden.py   (from this folder)
"""
import csv, sys
import numpy as np
import pywt, scipy
from scipy import ndimage

SPACING = (0.8, 0.9, 1.5)          # x, y, z in mm
NX, NY, NZ = 7, 6, 5               # odd sizes exercise the wrap padding

rng = np.random.default_rng(14)
img = rng.integers(-100, 200, size=(NZ, NY, NX)).astype(np.float64)   # numpy order (z, y, x)
img[1:4, 2:5, 2:6] += 150.0                                          # a bright block so the filters see edges

def wavelet(name):
    pad = tuple((0, 1 if n % 2 else 0) for n in img.shape)
    data = np.pad(img, pad, 'wrap')
    dec = pywt.swtn(data, pywt.Wavelet(name), level=1, start_level=0, axes=(2, 1, 0))[0]
    crop = tuple(slice(None, -1 if n % 2 else None) for n in img.shape)
    return {k.replace('a', 'L').replace('d', 'H'): v[crop] for k, v in dec.items()}

def log(sigma):
    sp = (SPACING[2], SPACING[1], SPACING[0])            # numpy axis order
    sd = [sigma / s for s in sp]
    total = np.zeros_like(img)
    for axis in range(3):
        order = [0, 0, 0]
        order[axis] = 2
        total += ndimage.gaussian_filter(img, sd, order=order, mode='nearest', truncate=4.0) / sp[axis] ** 2
    return sigma ** 2 * total

def gradient():
    sp = (SPACING[2], SPACING[1], SPACING[0])
    p = np.pad(img, 1, 'edge')
    gz = (p[2:, 1:-1, 1:-1] - p[:-2, 1:-1, 1:-1]) / (2 * sp[0])
    gy = (p[1:-1, 2:, 1:-1] - p[1:-1, :-2, 1:-1]) / (2 * sp[1])
    gx = (p[1:-1, 1:-1, 2:] - p[1:-1, 1:-1, :-2]) / (2 * sp[2])
    return np.sqrt(gx ** 2 + gy ** 2 + gz ** 2)

def square():
    return (img / np.sqrt(np.max(np.abs(img)))) ** 2

def squareroot():
    c = np.max(np.abs(img)); out = img.copy()
    out[img > 0] = np.sqrt(img[img > 0] * c); out[img < 0] = -np.sqrt(-img[img < 0] * c)
    return out

def logarithm():
    m = np.max(np.abs(img)); out = img.copy()
    out[img > 0] = np.log(img[img > 0] + 1); out[img < 0] = -np.log(-(img[img < 0] - 1))
    return out * (m / np.max(np.abs(out)))

def exponential():
    m = np.max(np.abs(img))
    return np.exp(np.log(m) / m * img)

columns = {'input': img}
for name in ('coif1', 'haar'):
    for key, value in wavelet(name).items():
        columns[f'wavelet-{name}-{key}'] = value
for sigma in (1.0, 2.5):
    columns[f'log-sigma-{sigma}'] = log(sigma)
columns.update(gradient=gradient(), square=square(), squareroot=squareroot(), logarithm=logarithm(), exponential=exponential())

with open('filters_golden.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['spacing', *SPACING, 'size', NX, NY, NZ])
    w.writerow(list(columns))
    flat = [v.reshape(-1) for v in columns.values()]   # C order of (z, y, x): x fastest
    for i in range(img.size):
        w.writerow([repr(float(c[i])) for c in flat])
with open('versions.txt', 'w') as f:
    f.write(f'python {sys.version.split()[0]}\nnumpy {np.__version__}\nscipy {scipy.__version__}\npywt {pywt.__version__}\n')
