using Koperasi.Functions.Access;

namespace Koperasi.Functions.Tests.Foundation;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void New_ForACooperative_FormatsAsKopCooperativeKeySecret()
    {
        var token = ApiKeyToken.New("kabc123");

        Assert.Matches("^kop_kabc123_[a-z0-9]{10}_[a-f0-9]{48}$", token.ToString());
    }

    [Fact]
    public void New_TwoKeys_HaveDifferentIdsAndSecrets()
    {
        var first = ApiKeyToken.New("kabc123");
        var second = ApiKeyToken.New("kabc123");

        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.NotEqual(first.Secret, second.Secret);
    }

    [Fact]
    public void TryParse_FormattedToken_GivesBackItsParts()
    {
        var token = ApiKeyToken.New("kabc123");

        var parsed = ApiKeyToken.TryParse(token.ToString(), out var back);

        Assert.True(parsed);
        Assert.Equal(token, back);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kop_kabc_key1")]
    [InlineData("kop_KABC_key1_0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("kop_kabc_key1_0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("kop_kabc_key1_0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("kop_kabc_key1_0123456789abcdef0123456789abcdef0123456789abcdef ")]
    [InlineData("xop_kabc_key1_0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("kop_k-bc_key1_0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void TryParse_Malformed_IsFalse(string? text)
    {
        Assert.False(ApiKeyToken.TryParse(text, out _));
    }

    [Fact]
    public void SecretHash_IsTheHexSha256OfTheSecretAndNotTheSecret()
    {
        var token = new ApiKeyToken("kabc", "key1", "secret");

        var hash = token.SecretHash();

        Assert.Equal("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", hash);
    }

    [Fact]
    public void Matches_StoredHashOfTheSameSecret_IsTrue()
    {
        var token = ApiKeyToken.New("kabc");

        Assert.True(token.Matches(ApiKeyToken.Hash(token.Secret)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b")]
    [InlineData("2bb80d537b1da3e38bd30361aa855686")]
    public void Matches_OtherHash_IsFalse(string storedHash)
    {
        var token = new ApiKeyToken("kabc", "key1", "not-the-secret");

        Assert.False(token.Matches(storedHash));
    }
}
