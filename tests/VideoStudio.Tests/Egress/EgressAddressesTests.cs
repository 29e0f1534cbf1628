using System.Net;
using VideoStudio.Engine.Egress;

namespace VideoStudio.Tests.Egress;

public sealed class EgressAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.100.100.200")] // Alibaba Cloud metadata
    [InlineData("169.254.169.254")] // AWS/GCP/Azure metadata
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")] // AWS metadata over IPv6
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::7f00:1")] // NAT64 spelling of 127.0.0.1
    [InlineData("2002:7f00:1::")] // 6to4 spelling of 127.0.0.1
    public void IsPublic_HostNetworkAddress_IsFalse(string address)
    {
        EgressAddresses.IsPublic(IPAddress.Parse(address)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPublic_InternetAddress_IsTrue(string address)
    {
        EgressAddresses.IsPublic(IPAddress.Parse(address)).ShouldBeTrue();
    }
}
