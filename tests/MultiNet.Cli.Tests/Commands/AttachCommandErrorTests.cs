using FluentAssertions;
using MultiNet.Testing;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>Mistakes a person makes with multinetctl: the exit code and stderr say what to fix, and nothing is left behind.</summary>
public sealed class AttachCommandErrorTests
{
    [RootFact]
    public void Run_UnknownCommand_Exits2WithUsageOnStderr()
    {
        using var s = new StandaloneNode();

        var run = Multinetctl.Run("atach", "--netns", s.Node.NetnsName, "--config", s.ConfigPath);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("unknown command \"atach\"")
            .And.Contain("usage: multinetctl COMMAND")
            .And.Contain("attach ");
        s.Node.AssertNothingLeaked();
    }

    [RootTheory]
    [InlineData("attach")]
    [InlineData("detach")]
    [InlineData("check")]
    public void Run_WithoutNetns_Exits2NamingTheOption(string command)
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));

        var run = Multinetctl.Run(command, "--config", s.ConfigPath, "--manifests", s.ManifestDir, "--networks", "a");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("\"--netns\" is required").And.Contain("usage:");
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_ManifestWithYamlSyntaxError_Exits1NamingTheFile()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));
        s.WriteManifest("broken.yaml", """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: { name: [b
            spec:
              config: '{}'
            """);

        var attach = s.Attach("--networks", "a");

        attach.ExitCode.Should().Be(1, attach.ToString());
        attach.Stdout.Should().BeEmpty();
        attach.Stderr.Should().Contain("broken.yaml").And.Contain("line ");
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_NadMissing_Exits1WithError100NamingTheNetwork()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));

        var attach = s.Attach("--networks", "a, no-such-net@data0");

        attach.ExitCode.Should().Be(1, attach.ToString());
        attach.Stdout.Should().BeEmpty();
        attach.Stderr.Should().Contain("error 100").And.Contain("default/no-such-net");
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_ConfigFileMissing_Exits2NamingConfig()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));
        var missing = Path.Combine(s.Node.Root, "no-such.conf");

        var attach = Multinetctl.Run("attach", "--netns", s.Node.NetnsName, "--config", missing, "--manifests", s.ManifestDir,
            "--networks", "a");

        attach.ExitCode.Should().Be(2, attach.ToString());
        attach.Stdout.Should().BeEmpty();
        attach.Stderr.Should().Contain($"--config \"{missing}\"");
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_PodNotInManifests_Exits2NamingThePod()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));

        var attach = Multinetctl.Run("attach", "--netns", s.Node.NetnsName, "--config", s.ConfigPath, "--manifests", s.ManifestDir,
            "--pod", "team/missing");

        attach.ExitCode.Should().Be(2, attach.ToString());
        attach.Stderr.Should().Contain("--pod \"team/missing\"");
        s.Node.AssertNothingLeaked();
    }

    [RootTheory]
    [InlineData("--output", "bogus", "--output \"bogus\"")]
    [InlineData("--config", "/tmp", "is a directory")]
    public void Attach_BadOptionValue_Exits2NamingIt(string option, string value, string expected)
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));
        var args = new List<string> { "attach", "--netns", s.Node.NetnsName, "--manifests", s.ManifestDir, "--networks", "a" };
        if (option != "--config")
        {
            args.AddRange(["--config", s.ConfigPath]);
        }

        args.AddRange([option, value]);
        var attach = Multinetctl.Run([.. args]);

        attach.ExitCode.Should().Be(2, attach.ToString());
        attach.Stderr.Should().Contain(expected);
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_InterfaceAlreadyTaken_Exits1AndKeepsTheFirstAttachment()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));
        s.Attach("--networks", "a").ExitCode.Should().Be(0);

        var again = s.Attach("--networks", "a", "--container-id", $"second-{s.Node.Id}", "--ifname", "eth1");

        again.ExitCode.Should().Be(1, again.ToString());
        again.Stderr.Should().Contain("\"net1\" already exists");
        s.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1");
        s.Node.Leases().Should().HaveCount(2, "the failed attach gives back its own cluster lease and no other");
        s.Check().ExitCode.Should().Be(0);
        s.Detach().ExitCode.Should().Be(0);
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_SameContainerTwice_SecondFailsAndTheFirstStillChecksOut()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));
        s.Attach("--networks", "a").ExitCode.Should().Be(0);

        var again = s.Attach("--networks", "a");

        again.ExitCode.Should().Be(1, again.ToString());
        again.Stderr.Should().Contain("error 105").And.Contain("\"eth0\" already exists");
        s.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1");
        s.Node.Checkpoints().Should().ContainSingle();
        s.Node.Leases().Should().HaveCount(2);
        s.Check().ExitCode.Should().Be(0);
        s.Detach().ExitCode.Should().Be(0);
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Check_NothingAttached_Exits1NamingTheContainer()
    {
        using var s = new StandaloneNode();

        var check = s.Check();

        check.ExitCode.Should().Be(1, check.ToString());
        check.Stderr.Should().Contain(s.DefaultContainerId);
        s.Node.AssertNothingLeaked();
    }
}
