using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Web.Components.Cartridges.Quiz;

/// <summary>Quiz as one module: the cartridge, its question packs, its screens, its presets and hosts' own packs.</summary>
public sealed class QuizModule : CartridgeModule
{
    public override string GameKey => QuizCartridge.GameKey;

    public override void Register(CartridgeModuleBuilder game) => game
        .Cartridge<QuizCartridge>()
        .Questions(QuizContent.Load)
        .Views<QuizHostView, QuizPlayerView>()
        .Presets<QuizPresetSettingsMapper>()
        .CustomPacks<QuizQuestion, QuizPackQuestionMapper>();
}
