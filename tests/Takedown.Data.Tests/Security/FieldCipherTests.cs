using System.Text;
using Takedown.Data.Protection;

namespace Takedown.Data.Tests.Security;

public sealed class FieldCipherTests
{
    private const string Context = "cases.contact_email:TD-TEST";

    [Fact]
    public void Protect_ThenUnprotect_ReturnsTheValue_AndHidesIt()
    {
        var cipher = new FieldCipher(DataKeyRing.Generate());

        string stored = cipher.Protect("victim.marker@example.org", Context)!;

        stored.ShouldStartWith(FieldCipher.Prefix + cipher.Keys.CurrentId + ":");
        stored.ShouldNotContain("victim.marker");
        cipher.Unprotect(stored, Context).ShouldBe("victim.marker@example.org");
    }

    [Fact]
    public void Protect_SameValueTwice_GivesDifferentCiphertexts()
    {
        var cipher = new FieldCipher(DataKeyRing.Generate());

        cipher.Protect("same", Context).ShouldNotBe(cipher.Protect("same", Context));
    }

    [Fact]
    public void Protect_NullAndEmpty_RoundTrip()
    {
        var cipher = new FieldCipher(DataKeyRing.Generate());

        cipher.Protect(null, Context).ShouldBeNull();
        cipher.Unprotect(null, Context).ShouldBeNull();
        cipher.Unprotect(cipher.Protect(string.Empty, Context), Context).ShouldBe(string.Empty);
    }

    [Fact]
    public void Unprotect_PlainLegacyValue_ReturnsItUnchanged()
    {
        var cipher = new FieldCipher(DataKeyRing.Generate());

        cipher.Unprotect("legacy@example.org", Context).ShouldBe("legacy@example.org");
    }

    [Fact]
    public void Unprotect_WithAnotherKey_ThrowsClearErrorNamingTheKey()
    {
        var writer = new FieldCipher(DataKeyRing.Generate());
        var reader = new FieldCipher(DataKeyRing.Generate());
        string stored = writer.Protect("someone@example.org", Context)!;

        DataKeyException error = Should.Throw<DataKeyException>(() => reader.Unprotect(stored, Context));

        error.Message.ShouldContain(writer.Keys.CurrentId);
        error.Message.ShouldContain("Takedown:DataKey");
    }

    [Fact]
    public void Unprotect_AlteredValue_FailsAuthentication()
    {
        var cipher = new FieldCipher(DataKeyRing.Generate());
        string stored = cipher.Protect("someone@example.org", Context)!;
        char[] chars = stored.ToCharArray();

        // A character inside the payload (the tag's region), not the last one: the last character of unpadded base64url
        // carries spare bits, so changing it can make the text undecodable ("damaged") instead of altering the bytes.
        int inside = chars.Length - 8;
        chars[inside] = chars[inside] == 'A' ? 'B' : 'A';

        Should.Throw<DataKeyException>(() => cipher.Unprotect(new string(chars), Context)).Message.ShouldContain("failed authentication");
    }

    [Fact]
    public void Unprotect_ValueMovedToAnotherRowOrColumn_FailsAuthentication()
    {
        var cipher = new FieldCipher(DataKeyRing.Generate());
        string stored = cipher.Protect("someone@example.org", Context)!;

        Should.Throw<DataKeyException>(() => cipher.Unprotect(stored, "cases.contact_email:TD-OTHER"));
        Should.Throw<DataKeyException>(() => cipher.Unprotect(stored, "cases.description:TD-TEST"));
    }

    [Fact]
    public void Unprotect_AfterRotation_ReadsOldValues_AndWritesWithTheNewKey()
    {
        DataKeyRing old = DataKeyRing.Generate();
        string before = new FieldCipher(old).Protect("kept@example.org", Context)!;
        DataKeyRing rotated = old.WithNewCurrent(System.Security.Cryptography.RandomNumberGenerator.GetBytes(DataKeyRing.KeyBytes));
        var cipher = new FieldCipher(rotated);

        cipher.Unprotect(before, Context).ShouldBe("kept@example.org");
        cipher.Protect("new@example.org", Context)!.ShouldStartWith(FieldCipher.Prefix + rotated.CurrentId);
        rotated.CurrentId.ShouldNotBe(old.CurrentId);
        rotated.Ids.ShouldBe([rotated.CurrentId, old.CurrentId]);
    }

    [Fact]
    public void Protect_NonAsciiText_RoundTrips()
    {
        var cipher = new FieldCipher(DataKeyRing.Generate());
        string text = "Zoë Ångström, 東京 " + new string('x', 5000);

        cipher.Unprotect(cipher.Protect(text, Context), Context).ShouldBe(text);
        Encoding.UTF8.GetByteCount(text).ShouldBeGreaterThan(5000);
    }
}
