namespace Koperasi.Functions.Books;

/// <summary>A member's SHU: capital and use as counted, jasa modal = S_a/S_total × JMA and jasa usaha = V_a/V_total × JUA, each rounded down.</summary>
public sealed record ShuMemberShare(string MemberId, long Capital, long Use, long JasaModal, long JasaUsaha)
{
    public long Total => JasaModal + JasaUsaha;
}
