namespace PartyProtocol.Web.Localization;

/// <summary>
/// The marker of the one resource every screen and problem text comes from: <c>Texts.resx</c> (English) and
/// <c>Texts.da.resx</c> (Danish) beside it. Keys are <c>Area_What</c>; a key whose text depends on a count has a
/// <c>_One</c> and an <c>_Other</c> form (see <see cref="PartyText.Plural"/>).
/// </summary>
public sealed class Texts;
