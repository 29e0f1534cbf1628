using System.Security.Cryptography;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// The state of one download across its resumes: the part file, the bytes in it that are hashed, and the running
/// SHA-256. A chunk counts once it is both written and hashed, so a resume continues the hash exactly where the file
/// ends; a part file shorter than that (a flush that failed), or a write that failed, starts the transfer over.
/// </summary>
internal sealed class DownloadTransfer(string partPath) : IDisposable
{
    private IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes written to the part file and hashed.</summary>
    public long Written { get; private set; }

    /// <summary>The body's full length once a response announced it.</summary>
    public long? Total { get; set; }

    /// <summary>The media type a response named (a resumed range keeps the first one's when it names none).</summary>
    public string? ContentType { get; set; }

    /// <summary>Starts over from byte 0 (the server ignored Range, or the part file lost bytes).</summary>
    public void Restart()
    {
        hash.Dispose();
        hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Written = 0;
    }

    /// <summary>Restarts when the part file no longer holds every hashed byte.</summary>
    public void CheckPartFile()
    {
        long onDisk = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        if (onDisk < Written)
        {
            Restart();
        }
    }

    /// <summary>Opens the part file positioned at <see cref="Written"/> (anything after it is cut off).</summary>
    public FileStream OpenForAppend()
    {
        try
        {
            // Unbuffered: each chunk is written (or fails) in AppendAsync, so disposing has nothing left to flush —
            // a flush failing there would replace the LocalStorageException with a bare IOException.
            var file = new FileStream(partPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
            file.SetLength(Written);
            file.Seek(Written, SeekOrigin.Begin);
            return file;
        }
        catch (IOException ex)
        {
            throw new LocalStorageException(partPath, ex);
        }
    }

    /// <summary>
    /// Writes a chunk through to the file while adding it to the hash on the thread pool (the two cost about the
    /// same, so side by side they take half the time); it counts as written once both are done. A write that fails
    /// leaves the hash ahead of the file, so the transfer starts over (<see cref="Restart"/>).
    /// </summary>
    public async Task AppendAsync(FileStream file, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        Task hashing = Task.Run(() => hash.AppendData(chunk.Span), CancellationToken.None);
        try
        {
            await file.WriteAsync(chunk, cancellationToken);
        }
        catch (Exception ex)
        {
            await hashing;
            Restart();
            if (ex is IOException io)
            {
                throw new LocalStorageException(partPath, io);
            }

            throw;
        }

        await hashing;
        Written += chunk.Length;
    }

    /// <summary>The SHA-256 of the bytes written (lowercase hex).</summary>
    public string Sha256() => Convert.ToHexStringLower(hash.GetCurrentHash());

    /// <inheritdoc />
    public void Dispose() => hash.Dispose();
}
