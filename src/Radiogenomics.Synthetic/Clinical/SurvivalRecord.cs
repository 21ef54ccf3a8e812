namespace Radiogenomics.Synthetic;

/// <summary>Overall survival: observed (time, event) and the planted quantities behind it.</summary>
/// <param name="TimeDays">min(event time, censoring time), whole days (≥ 1).</param>
/// <param name="Event">True when death was observed before censoring.</param>
/// <param name="LinearPredictor">Cox linear predictor η (log hazard ratio relative to baseline).</param>
/// <param name="EventTimeDays">Latent time of death.</param>
/// <param name="CensoringTimeDays">Latent end of follow-up.</param>
public sealed record SurvivalRecord(int TimeDays, bool Event, double LinearPredictor, double EventTimeDays, double CensoringTimeDays);
