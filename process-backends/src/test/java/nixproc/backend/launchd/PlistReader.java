package nixproc.backend.launchd;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a property list back with the JDK's XML parser, the DTD not fetched: proves the file is well-formed and
 * gives the values an XML consumer (launchd's CFPropertyList) sees after unescaping.
 */
final class PlistReader {

	private PlistReader() {
	}

	static Map<String, Object> read(byte[] xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			Document document = builder.parse(new ByteArrayInputStream(xml));
			Element plist = document.getDocumentElement();
			if (!plist.getTagName().equals("plist") || !"1.0".equals(plist.getAttribute("version"))) {
				throw new AssertionError("not a plist 1.0 document");
			}
			if (document.getDoctype() == null || !"-//Apple//DTD PLIST 1.0//EN".equals(document.getDoctype().getPublicId())) {
				throw new AssertionError("no Apple PLIST 1.0 DOCTYPE");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> root = (Map<String, Object>) value(elements(plist).get(0));
			return root;
		}
		catch (Exception e) {
			throw new AssertionError("not a well-formed property list: " + e.getMessage(), e);
		}
	}

	private static Object value(Element element) {
		switch (element.getTagName()) {
			case "dict": {
				Map<String, Object> map = new LinkedHashMap<>();
				List<Element> children = elements(element);
				for (int i = 0; i < children.size(); i += 2) {
					if (!children.get(i).getTagName().equals("key")) {
						throw new AssertionError("dict entry without <key>: " + children.get(i).getTagName());
					}
					map.put(children.get(i).getTextContent(), value(children.get(i + 1)));
				}
				return map;
			}
			case "array":
				return elements(element).stream().map(PlistReader::value).toList();
			case "string":
				return element.getTextContent();
			case "integer":
				return Long.parseLong(element.getTextContent());
			case "true":
				return Boolean.TRUE;
			case "false":
				return Boolean.FALSE;
			default:
				throw new AssertionError("unexpected plist element <" + element.getTagName() + ">");
		}
	}

	private static List<Element> elements(Element parent) {
		List<Element> out = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element) {
				out.add(element);
			}
		}
		return out;
	}

}
