#!/usr/bin/python3
"""Writes DICOM SEG and RTSTRUCT masks of a synthetic image grid, and the voxels each must give.

Run from this folder: /usr/bin/python3 make_masks_golden.py (Debian's pydicom 2.3, numpy, matplotlib).

The grid is oblique in-plane (rows and columns turned 15 degrees about the patient z axis), anisotropic and not
at the origin, so a reader that ignores the direction cosines or the spacing fails. Outputs:
  geometry.csv            the image grid (VolumeGeometry fields, LPS mm)
  seg_binary.dcm          BINARY SEG, segments 1 "tumour" and 2 "oedema", frames in shuffled order, only the
                          slices a segment touches; expected_seg_tumour.csv / expected_seg_oedema.csv
  seg_fractional.dcm      FRACTIONAL SEG (max 255), one segment; expected_seg_fractional.csv = voxels whose
                          stored value / 255 >= 0.5
  seg_offgrid.dcm         the binary SEG with every frame moved 0.8 mm along the slice normal (an error)
  seg_spacing.dcm         the binary SEG claiming 1.0 mm columns instead of 0.9 mm (an error)
  seg_labelmap.dcm        SegmentationType LABELMAP (an unsupported type)
  seg_implicit.dcm        seg_binary.dcm in implicit VR little endian (nested sequences without VRs)
  seg_cropped.dcm         the tumour segment alone, its frames cut to 28 x 26 pixels from column 6, row 6
  rtstruct.dcm            ROIs 7 "GTV" (with a hole contour on two slices, drawn in both orientations),
                          3 "Oedema" and 9 "Marker" (POINT contours only); expected_rt_gtv_xor.csv,
                          expected_rt_gtv_or.csv, expected_rt_oedema_xor.csv
  rtstruct_offplane.dcm   one GTV contour 1 mm off its slice plane (an error)

The expected RTSTRUCT voxels come from an independent rasteriser: contour points mapped back to continuous
(column, row) indices with numpy.linalg.solve, matplotlib.path.Path.contains_points at the voxel centres (the
even-odd rule for one polygon), contours on one slice combined by XOR (holes) or OR. The script checks that no
voxel centre lies within 1e-6 voxel of a contour edge, where two correct rasterisers could disagree.
"""
import csv
import sys

import numpy as np
import pydicom
from matplotlib.path import Path
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.pixel_data_handlers.numpy_handler import pack_bits
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid

COLS, ROWS, SLICES = 40, 36, 12
COL_SP, ROW_SP, SLICE_SP = 0.9, 0.8, 2.5
ANGLE = np.deg2rad(15)
ROW_DIR = np.array([np.cos(ANGLE), np.sin(ANGLE), 0.0])   # along a row (increasing column)
COL_DIR = np.array([-np.sin(ANGLE), np.cos(ANGLE), 0.0])  # down a column (increasing row)
SLICE_DIR = np.cross(ROW_DIR, COL_DIR)
ORIGIN = np.array([-20.5, 13.25, -7.0])
FRAME_OF_REFERENCE = "1.2.826.0.1.3680043.8.498.1"
STUDY = "1.2.826.0.1.3680043.8.498.2"
SERIES = "1.2.826.0.1.3680043.8.498.3"
AFFINE = np.column_stack([ROW_DIR * COL_SP, COL_DIR * ROW_SP, SLICE_DIR * SLICE_SP])


def point(c, r, k):
    return ORIGIN + AFFINE @ np.array([c, r, k], dtype=float)


def ds_text(x):
    """A DS value as written (at most 16 characters); the expected masks use the value read back."""
    return f"{x:.6f}".rstrip("0").rstrip(".") if abs(x) < 1e8 else f"{x:.6e}"


def write(ds, name, implicit=False):
    ds.is_little_endian = True
    ds.is_implicit_VR = implicit
    if implicit:
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    ds.save_as(name, write_like_original=False)


def base(sop_class, modality):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[modality, str(sop_class)])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = modality
    ds.PatientID = "MASK-001"
    ds.PatientName = "Mask^Golden"
    ds.StudyInstanceUID = STUDY
    ds.SeriesInstanceUID = generate_uid(entropy_srcs=["series", modality, str(sop_class)])
    ds.FrameOfReferenceUID = FRAME_OF_REFERENCE
    ds.SeriesNumber = 100
    ds.InstanceNumber = 1
    return ds


def centres():
    c, r, k = np.meshgrid(np.arange(COLS), np.arange(ROWS), np.arange(SLICES), indexing="xy")
    # meshgrid 'xy' gives arrays of shape (ROWS, COLS, SLICES); move to (SLICES, ROWS, COLS).
    return np.transpose(c, (2, 0, 1)), np.transpose(r, (2, 0, 1)), np.transpose(k, (2, 0, 1))


def ellipsoid_radius(centre_index, semi_axes_mm):
    c, r, k = centres()
    d = np.stack([(c - centre_index[0]) * COL_SP, (r - centre_index[1]) * ROW_SP, (k - centre_index[2]) * SLICE_SP])
    return np.sqrt(sum((d[i] / semi_axes_mm[i]) ** 2 for i in range(3)))


def write_voxels(mask, name):
    ks, rs, cs = np.nonzero(mask)
    with open(name, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["column", "row", "slice"])
        for k, r, c in sorted(zip(ks, rs, cs)):
            w.writerow([c, r, k])
    return len(ks)


def segmentation(frames, seg_type, segments, bits, max_fraction=None, shift_mm=0.0, col_spacing=COL_SP, crop=None):
    """frames: list of (segment number, slice index, 2-D uint8 array); crop = (column, row, width, height) of the image."""
    c0, r0 = (crop[0], crop[1]) if crop else (0, 0)
    if crop:
        frames = [(n, k, f[r0:r0 + crop[3], c0:c0 + crop[2]]) for n, k, f in frames]
    ds = base("1.2.840.10008.5.1.4.1.1.66.4", "SEG")
    ds.SegmentationType = seg_type
    if max_fraction is not None:
        ds.SegmentationFractionalType = "PROBABILITY"
        ds.MaximumFractionalValue = max_fraction
    ds.ContentLabel = "GOLDEN"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = frames[0][2].shape
    ds.BitsAllocated = bits
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.LossyImageCompression = "00"
    ds.NumberOfFrames = len(frames)
    seq = Sequence()
    for number, label in segments:
        s = Dataset()
        s.SegmentNumber = number
        s.SegmentLabel = label
        s.SegmentAlgorithmType = "MANUAL"
        seq.append(s)
    ds.SegmentSequence = seq
    shared = Dataset()
    measures = Dataset()
    measures.PixelSpacing = [ds_text(ROW_SP), ds_text(col_spacing)]
    measures.SliceThickness = ds_text(SLICE_SP)
    measures.SpacingBetweenSlices = ds_text(SLICE_SP)
    shared.PixelMeasuresSequence = Sequence([measures])
    orientation = Dataset()
    orientation.ImageOrientationPatient = [ds_text(v) for v in list(ROW_DIR) + list(COL_DIR)]
    shared.PlaneOrientationSequence = Sequence([orientation])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per_frame = Sequence()
    for number, k, _ in frames:
        item = Dataset()
        position = Dataset()
        position.ImagePositionPatient = [ds_text(v) for v in point(c0, r0, k) + shift_mm * SLICE_DIR]
        item.PlanePositionSequence = Sequence([position])
        ident = Dataset()
        ident.ReferencedSegmentNumber = number
        item.SegmentIdentificationSequence = Sequence([ident])
        per_frame.append(item)
    ds.PerFrameFunctionalGroupsSequence = per_frame
    stack = np.stack([f for _, _, f in frames])
    if bits == 1:
        data = pack_bits(stack.reshape(-1))
        if len(data) % 2:
            data += b"\x00"
        ds.PixelData = data
        ds["PixelData"].VR = "OB"
    else:
        ds.PixelData = stack.astype(np.uint8).tobytes()
        ds["PixelData"].VR = "OB"
    return ds


def seg_frames(masks, rng):
    frames = [(number, k, mask[k].astype(np.uint8)) for number, mask in masks for k in range(SLICES) if mask[k].any()]
    order = rng.permutation(len(frames))  # frames in no slice order: the reader must place them by position
    return [frames[i] for i in order]


# ---- SEG ---------------------------------------------------------------------------------------------------
rng = np.random.default_rng(2018)
tumour = ellipsoid_radius((18.3, 17.6, 5.4), (9.0, 7.0, 8.0)) <= 1
oedema = (ellipsoid_radius((19.1, 16.2, 5.9), (14.0, 12.0, 13.0)) <= 1) & ~tumour
frames = seg_frames([(1, tumour), (2, oedema)], rng)
labels = [(1, "tumour"), (2, "oedema")]
write(segmentation(frames, "BINARY", labels, 1), "seg_binary.dcm")
write(segmentation(frames, "BINARY", labels, 1, shift_mm=0.8), "seg_offgrid.dcm")
write(segmentation(frames, "BINARY", labels, 1, col_spacing=1.0), "seg_spacing.dcm")
write(segmentation(frames, "LABELMAP", labels, 8), "seg_labelmap.dcm")
write(segmentation(frames, "BINARY", labels, 1), "seg_implicit.dcm", implicit=True)
# Frames cut to the tumour's neighbourhood (columns 6-33, rows 6-31): placed by their in-plane offset.
tumour_frames = [f for f in frames if f[0] == 1]
assert all(not f[2][:6].any() and not f[2][32:].any() and not f[2][:, :6].any() and not f[2][:, 34:].any() for f in tumour_frames)
write(segmentation(tumour_frames, "BINARY", [(1, "tumour")], 1, crop=(6, 6, 28, 26)), "seg_cropped.dcm")
n_tumour = write_voxels(tumour, "expected_seg_tumour.csv")
n_oedema = write_voxels(oedema, "expected_seg_oedema.csv")

fraction = np.clip(1.25 - ellipsoid_radius((20.2, 15.4, 6.1), (8.0, 9.5, 7.0)), 0, 1)
stored = np.rint(fraction * 255).astype(np.uint8)
fractional_frames = [(1, k, stored[k]) for k in rng.permutation(SLICES) if stored[k].any()]
write(segmentation(fractional_frames, "FRACTIONAL", [(1, "lesion")], 8, max_fraction=255), "seg_fractional.dcm")
n_fraction = write_voxels(stored / 255.0 >= 0.5, "expected_seg_fractional.csv")


# ---- RTSTRUCT ----------------------------------------------------------------------------------------------
def polygon(centre, radii, phase, n, k):
    """An irregular star-shaped polygon in (column, row) index space on slice k, as patient points."""
    t = phase + np.arange(n) * 2 * np.pi / n
    wobble = 1 + 0.18 * np.sin(3 * t + 0.7) + 0.07 * np.cos(5 * t)
    cs = centre[0] + radii[0] * wobble * np.cos(t)
    rs = centre[1] + radii[1] * wobble * np.sin(t)
    return [point(c, r, k) for c, r in zip(cs, rs)]


def contour_item(points, geometric_type="CLOSED_PLANAR", plane_shift_mm=0.0):
    item = Dataset()
    item.ContourGeometricType = geometric_type
    item.NumberOfContourPoints = len(points)
    item.ContourData = [ds_text(v) for p in points for v in (p + plane_shift_mm * SLICE_DIR)]
    return item


def rtstruct(contours_by_roi, offplane=False):
    ds = base("1.2.840.10008.5.1.4.1.1.481.3", "RTSTRUCT")
    ds.StructureSetLabel = "GOLDEN"
    rois, roi_contours = Sequence(), Sequence()
    for number, name, contours in contours_by_roi:
        roi = Dataset()
        roi.ROINumber = number
        roi.ReferencedFrameOfReferenceUID = FRAME_OF_REFERENCE
        roi.ROIName = name
        roi.ROIGenerationAlgorithm = "MANUAL"
        rois.append(roi)
        rc = Dataset()
        rc.ReferencedROINumber = number
        rc.ROIDisplayColor = [255, 0, 0]
        items = Sequence()
        for i, (kind, pts, _) in enumerate(contours):
            items.append(contour_item(pts, kind, 1.0 if offplane and number == 7 and i == 2 else 0.0))
        rc.ContourSequence = items
        roi_contours.append(rc)
    ds.StructureSetROISequence = rois
    ds.ROIContourSequence = roi_contours
    return ds


gtv, oed, marker = [], [], []
for k in range(3, 9):
    gtv.append(("CLOSED_PLANAR", polygon((19.37, 17.21), (8.3 - abs(k - 5.5), 7.1 - 0.8 * abs(k - 5.5)), 0.11 * k, 17, k), k))
for k in (5, 6):
    hole = polygon((19.83, 16.94), (2.6, 2.2), 0.37, 7, k)
    gtv.append(("CLOSED_PLANAR", hole if k == 5 else hole[::-1], k))  # both orientations: the rule must not care
for k in range(2, 10):
    oed.append(("CLOSED_PLANAR", polygon((20.13, 16.52), (13.4, 11.7), 0.23 + 0.05 * k, 23, k), k))
marker.append(("POINT", [point(20.0, 16.0, 5)], 5))
write(rtstruct([(7, "GTV", gtv), (3, "Oedema", oed), (9, "Marker", marker)]), "rtstruct.dcm")
write(rtstruct([(7, "GTV", gtv), (3, "Oedema", oed)], offplane=True), "rtstruct_offplane.dcm")

# The independent rasteriser reads the contours back from the written file.
written = pydicom.dcmread("rtstruct.dcm")
inverse = np.linalg.inv(AFFINE)
yy, xx = np.mgrid[0:ROWS, 0:COLS]
voxel_centres = np.column_stack([xx.ravel(), yy.ravel()]).astype(float)


def rasterise(roi_number, combine):
    mask = np.zeros((SLICES, ROWS, COLS), dtype=bool)
    rc = next(r for r in written.ROIContourSequence if int(r.ReferencedROINumber) == roi_number)
    for item in rc.ContourSequence:
        pts = np.array([float(v) for v in item.ContourData]).reshape(-1, 3)
        idx = (inverse @ (pts - ORIGIN).T).T
        k = int(round(idx[0, 2]))
        assert np.all(np.abs(idx[:, 2] - k) < 1e-4), "contour not on a slice plane"
        poly = idx[:, :2]
        # Guard: no voxel centre within 1e-6 voxel of an edge (where rasterisers may legitimately differ).
        a, b = poly, np.roll(poly, -1, axis=0)
        for p, q in zip(a, b):
            d = q - p
            t = np.clip(((voxel_centres - p) @ d) / (d @ d), 0, 1)
            dist = np.linalg.norm(voxel_centres - (p + t[:, None] * d), axis=1)
            assert dist.min() > 1e-6, f"a voxel centre lies on an edge of ROI {roi_number}, slice {k}"
        inside = Path(poly).contains_points(voxel_centres).reshape(ROWS, COLS)
        mask[k] = (mask[k] ^ inside) if combine == "xor" else (mask[k] | inside)
    return mask


n_xor = write_voxels(rasterise(7, "xor"), "expected_rt_gtv_xor.csv")
n_or = write_voxels(rasterise(7, "or"), "expected_rt_gtv_or.csv")
n_oed = write_voxels(rasterise(3, "xor"), "expected_rt_oedema_xor.csv")
assert n_xor < n_or, "the hole must remove voxels"

with open("geometry.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["columns", "rows", "slices", "column_spacing", "row_spacing", "slice_spacing",
                "origin_x", "origin_y", "origin_z", "row_dir_x", "row_dir_y", "row_dir_z", "col_dir_x", "col_dir_y", "col_dir_z"])
    w.writerow([COLS, ROWS, SLICES, COL_SP, ROW_SP, SLICE_SP, *ORIGIN, *[repr(float(v)) for v in ROW_DIR], *[repr(float(v)) for v in COL_DIR]])

import matplotlib
with open("versions.txt", "w") as f:
    f.write(f"python {sys.version.split()[0]}\npydicom {pydicom.__version__}\nnumpy {np.__version__}\nmatplotlib {matplotlib.__version__}\n")
print(f"tumour {n_tumour}, oedema {n_oedema}, fractional {n_fraction}, GTV xor {n_xor} / or {n_or}, oedema ROI {n_oed} voxels")
