using System.Xml;
using System.Xml.Linq;
using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>Parses a generated HTML page as XML (it is written well-formed) and lists what it references.</summary>
internal static class HtmlPage
{
    public static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        try
        {
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            Assert.Fail($"the page is not well-formed: {e.Message}");
            throw;
        }
    }

    /// <summary>Every <c>img/@src</c>, <c>a/@href</c>, <c>link/@href</c> and <c>script/@src</c>.</summary>
    public static IReadOnlyList<string> References(XDocument page) =>
        page.Descendants()
            .SelectMany(e => e.Attributes().Where(a => a.Name.LocalName is "src" or "href"))
            .Select(a => a.Value)
            .ToList();
}
