namespace Radiogenomics.DataSources;

/// <summary>How <see cref="SafeZipExtractor"/> treated an archive entry.</summary>
public enum ZipEntryKind
{
    /// <summary>A file written into the target folder (for TCIA getImage: a DICOM instance).</summary>
    File,

    /// <summary>A folder entry.</summary>
    Directory,

    /// <summary>The top-level LICENSE entry NBIA puts first in every getImage zip; written to its own file, outside the data folder.</summary>
    License,

    /// <summary>NBIA's md5hashes.csv (getImage with IncludeMD5=yes); used to verify the files, not written into the data folder.</summary>
    Checksums,
}
