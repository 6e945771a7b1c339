using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Components.Shared;

public sealed class RenderGateTests
{
    [Fact]
    public void TheFirstRenderAlwaysHappensAndThenOnlyWhenTheKeyChanges()
    {
        var gate = new RenderGate();

        Assert.True(gate.Changed(("Ann", 3, true)));
        Assert.False(gate.Changed(("Ann", 3, true)));
        Assert.True(gate.Changed(("Ann", 4, true)));
        Assert.False(gate.Changed(("Ann", 4, true)));
        Assert.True(gate.Changed(("Ann", 3, true)));
    }

    [Fact]
    public void ListsCompareByTheirItemsInOrder()
    {
        Assert.Equal(RenderGate.Join(["a", "b"]), RenderGate.Join(new List<string> { "a", "b" }));
        Assert.NotEqual(RenderGate.Join(["a", "b"]), RenderGate.Join(["b", "a"]));
        Assert.NotEqual(RenderGate.Join(["ab"]), RenderGate.Join(["a", "b"]));
        Assert.NotEqual(RenderGate.Join([]), RenderGate.Join(null));
        Assert.Null(RenderGate.Join(null));
    }
}
