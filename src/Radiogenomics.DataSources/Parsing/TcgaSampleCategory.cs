namespace Radiogenomics.DataSources;

/// <summary>The broad class of a TCGA sample type code (barcode field 4).</summary>
public enum TcgaSampleCategory
{
    /// <summary>01–09 and 40: tumour (01 primary, 06 metastatic, ...).</summary>
    Tumor,

    /// <summary>10–19: normal (10 blood, 11 solid tissue, ...).</summary>
    Normal,

    /// <summary>20–29: control analytes.</summary>
    Control,

    /// <summary>Cell lines, xenografts and unassigned codes.</summary>
    Other,
}
