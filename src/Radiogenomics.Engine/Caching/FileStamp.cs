namespace Radiogenomics.Engine.Caching;

/// <summary>
/// What stat(2) says about a file, enough to tell whether its bytes can have changed since it was hashed: size,
/// mtime, ctime (which no user-space call can set back, unlike mtime with <c>touch -r</c>), device and inode
/// (a file replaced by another). <see cref="Links"/> counts hard links (0 where unknown).
/// </summary>
public readonly record struct FileStamp(long Size, long MtimeNs, long CtimeNs, ulong Device, ulong Inode, long Links)
{
    /// <summary>Same size, times and identity: the content cannot have been rewritten through the file system since.</summary>
    public bool Matches(FileStamp other) =>
        Size == other.Size && MtimeNs == other.MtimeNs && CtimeNs == other.CtimeNs && Device == other.Device && Inode == other.Inode;
}
