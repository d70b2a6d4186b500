namespace Palisade.Server.Storage;

/// <summary>Opens the store <c>--store</c> names: <c>sqlite:FILE</c> or <c>postgres://…</c>.</summary>
public static class StoreFactory
{
    /// <summary>Opens and migrates it; a malformed address is <see cref="InvalidInputException"/>.</summary>
    public static async Task<IRecordStore> OpenAsync(string address, CancellationToken cancellationToken)
    {
        if (address.StartsWith("sqlite:", StringComparison.Ordinal) && address.Length > "sqlite:".Length)
            return await SqliteStore.OpenAsync(address["sqlite:".Length..], cancellationToken).ConfigureAwait(false);
        if (address.StartsWith("postgres://", StringComparison.Ordinal) || address.StartsWith("postgresql://", StringComparison.Ordinal))
            return await PostgresStore.OpenAsync(address, cancellationToken).ConfigureAwait(false);
        throw new InvalidInputException(null, null, "--store", $"\"{address}\" is neither sqlite:FILE nor postgres://…");
    }
}
