using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Storage;

/// <summary>The store contract on PostgreSQL (a fresh database per test).</summary>
public sealed class PostgresStoreTests : StoreContract
{
    private string? url;

    protected override async Task<IRecordStore> OpenAsync()
    {
        url = await TestServices.FreshPostgresDatabaseAsync();
        return await PostgresStore.OpenAsync(url, TestContext.Current.CancellationToken);
    }

    protected override async Task<IRecordStore> ReopenAsync() => await PostgresStore.OpenAsync(url!, TestContext.Current.CancellationToken);

    [Fact]
    public void A_malformed_address_is_bad_input_naming_the_option_without_the_password()
    {
        var e = Assert.Throws<InvalidInputException>(() => PostgresUrl.Parse("postgres://user:secret@"));
        Assert.Contains("--store", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}
