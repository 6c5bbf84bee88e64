namespace Koperasi.Functions.Books;

/// <summary>A fiscal year's SHU as the books give it: its amount, whether the year is closed, and where the figure came from.</summary>
public sealed record ShuYear(int Year, long Shu, bool Closed, string Source);
