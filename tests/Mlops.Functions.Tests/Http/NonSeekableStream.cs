namespace Mlops.Functions.Tests.Http;

/// <summary>A body that can only be read forward, as a request stream is.</summary>
internal sealed class NonSeekableStream(byte[] content) : MemoryStream(content, writable: false)
{
    public override bool CanSeek => false;
}
