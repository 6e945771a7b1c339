using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>Bluff as one module: the cartridge, its question packs, its screens, its presets and hosts' own packs.</summary>
public sealed class BluffModule : CartridgeModule
{
    public override string GameKey => BluffCartridge.GameKey;

    public override void Register(CartridgeModuleBuilder game) => game
        .Cartridge<BluffCartridge>()
        .Questions(BluffContent.Load)
        .Views<BluffHostView, BluffPlayerView>()
        .Presets<BluffPresetSettingsMapper>()
        .CustomPacks<Core.Cartridges.Bluff.BluffQuestion, BluffPackQuestionMapper>();
}
