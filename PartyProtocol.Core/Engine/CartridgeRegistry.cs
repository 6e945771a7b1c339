namespace PartyProtocol.Core.Engine;

/// <summary>The installed cartridges, by key. Adding a game means registering its cartridge here.</summary>
public sealed class CartridgeRegistry
{
    private static readonly HashSet<string> PlatformRoutes = ["players", "play", "pause", "exit", "moves", "again"];
    private readonly Dictionary<string, ICartridge> _cartridges;

    public CartridgeRegistry(IEnumerable<ICartridge> cartridges)
    {
        _cartridges = new Dictionary<string, ICartridge>(StringComparer.Ordinal);
        foreach (var cartridge in cartridges)
        {
            if (!_cartridges.TryAdd(cartridge.Key, cartridge))
            {
                throw new InvalidOperationException($"Two cartridges share the key '{cartridge.Key}'.");
            }

            var clash = cartridge.Moves.FirstOrDefault(m => PlatformRoutes.Contains(m.Route.Split('/')[0]));
            if (clash is not null)
            {
                throw new InvalidOperationException($"Cartridge '{cartridge.Key}' declares route '{clash.Route}', which the platform owns.");
            }
        }
    }

    public IReadOnlyCollection<ICartridge> All => _cartridges.Values;

    public ICartridge? Find(string key) => _cartridges.GetValueOrDefault(key);

    public ICartridge Get(string key) =>
        Find(key) ?? throw new KeyNotFoundException($"No cartridge is registered under '{key}'.");
}
