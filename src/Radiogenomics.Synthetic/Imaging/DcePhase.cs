namespace Radiogenomics.Synthetic;

/// <summary>One DCE phase of a patient: a volume on the patient's grid and its acquisition time.</summary>
/// <param name="Index">0 = pre-contrast, k = k-th post-contrast phase.</param>
/// <param name="Label">"pre", "post1", "post2", ...</param>
/// <param name="TriggerTimeSeconds">Seconds after contrast injection (0 for pre-contrast); DICOM TriggerTime is this × 1000 ms.</param>
/// <param name="Image">Magnitude intensities: whole numbers in [0, 4095] (fit 12-bit unsigned with RescaleSlope 1, intercept 0).</param>
public sealed record DcePhase(int Index, string Label, double TriggerTimeSeconds, Volume<float> Image);
