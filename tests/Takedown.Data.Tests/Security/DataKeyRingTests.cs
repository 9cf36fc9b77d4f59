using System.Security.Cryptography;
using Takedown.Data.Protection;

namespace Takedown.Data.Tests.Security;

public sealed class DataKeyRingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "takedown-key-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void LoadOrCreate_NoFile_CreatesOwnerOnlyFile_AndLoadsTheSameKeyAfter()
    {
        string path = Path.Combine(_directory, "sub", "takedown.key");

        DataKeyRing created = DataKeyRing.LoadOrCreate(path);
        DataKeyRing loaded = DataKeyRing.LoadOrCreate(path);

        File.Exists(path).ShouldBeTrue();
        loaded.CurrentId.ShouldBe(created.CurrentId);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void Parse_SeveralKeysWithComments_FirstIsCurrent()
    {
        byte[] first = RandomNumberGenerator.GetBytes(32);
        byte[] second = RandomNumberGenerator.GetBytes(32);

        DataKeyRing ring = DataKeyRing.Parse($"# comment\n{Convert.ToBase64String(first)}\n\n{Convert.ToBase64String(second)}\n");
        DataKeyRing same = DataKeyRing.Parse($"{Convert.ToBase64String(first)};{Convert.ToBase64String(second)}");

        ring.Ids.Count.ShouldBe(2);
        ring.CurrentId.ShouldBe(ring.Ids[0]);
        same.Ids.ShouldBe(ring.Ids);
        DataKeyRing.Parse(ring.ToText()).Ids.ShouldBe(ring.Ids);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment")]
    [InlineData("not-base64!!")]
    [InlineData("AAAA")]
    public void Parse_NoValidKey_ThrowsDataKeyException(string text)
    {
        Should.Throw<DataKeyException>(() => DataKeyRing.Parse(text));
    }

    [Fact]
    public void FromSettings_KeysWinOverFile_AndMissingFileIsAnError()
    {
        DataKeyRing ring = DataKeyRing.Generate();

        DataKeyRing.FromSettings(null, null).ShouldBeNull();
        DataKeyRing.FromSettings(ring.ToText(), Path.Combine(_directory, "missing.key"))!.CurrentId.ShouldBe(ring.CurrentId);
        Should.Throw<DataKeyException>(() => DataKeyRing.FromSettings(null, Path.Combine(_directory, "missing.key")));
    }
}
