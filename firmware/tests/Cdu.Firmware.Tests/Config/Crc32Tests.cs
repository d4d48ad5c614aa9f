using System.Text;
using Cdu.Firmware.Config;

namespace Cdu.Firmware.Tests.Config;

public sealed class Crc32Tests
{
    [Fact]
    public void The_check_value_of_IEEE_802_3_is_reproduced()
    {
        var data = Encoding.ASCII.GetBytes("123456789");

        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void The_crc_of_nothing_is_zero()
    {
        Assert.Equal(0u, Crc32.Compute([1, 2, 3], 1, 0));
    }

    [Fact]
    public void Only_the_given_range_counts()
    {
        var framed = Encoding.ASCII.GetBytes("xx123456789yy");

        Assert.Equal(0xCBF43926u, Crc32.Compute(framed, 2, 9));
    }

    [Theory]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("abc", 0x352441C2u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Known_vectors_match(string text, uint expected)
    {
        var data = Encoding.ASCII.GetBytes(text);

        Assert.Equal(expected, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Every_single_bit_flip_changes_the_crc()
    {
        var data = Encoding.ASCII.GetBytes("{\"formatVersion\":1,\"pump1Hours\":12.5}");
        var good = Crc32.Compute(data, 0, data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                data[i] ^= (byte)(1 << bit);
                Assert.NotEqual(good, Crc32.Compute(data, 0, data.Length));
                data[i] ^= (byte)(1 << bit);
            }
        }
    }
}
