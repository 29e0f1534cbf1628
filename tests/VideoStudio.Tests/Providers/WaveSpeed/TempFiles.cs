using System.Security.Cryptography;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>A temporary directory with random-content files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("vs-transport-").FullName;

    public string Create(string name, int size)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(size));
        return path;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
