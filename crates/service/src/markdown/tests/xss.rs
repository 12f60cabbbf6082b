//! Payloads from the OWASP XSS filter-evasion cheat sheet, and Markdown variants of them.
//! Each must render inert: only allow-listed tags, no event handlers, no script URLs.

use super::*;

const PAYLOADS: &[&str] = &[
    // Plain and obfuscated script tags.
    r#"<script>alert('XSS')</script>"#,
    r#"<SCRIPT SRC=https://xss.rocks/xss.js></SCRIPT>"#,
    r#"<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>"#,
    r#"<<SCRIPT>alert("XSS");//<</SCRIPT>"#,
    r#"<scr<script>ipt>alert(1)</scr</script>ipt>"#,
    r#"<SCRIPT SRC=http://xss.rocks/xss.js?< B >"#,
    "\0<script>alert(1)</script>",
    // Images and event handlers.
    r#"<IMG SRC="javascript:alert('XSS');">"#,
    r#"<IMG SRC=JaVaScRiPt:alert('XSS')>"#,
    r#"<img src=x onerror=alert(1)>"#,
    r#"<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>"#,
    r#"<IMG """><SCRIPT>alert("XSS")</SCRIPT>">"#,
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    r#"<IMG SRC="jav&#x09;ascript:alert('XSS');">"#,
    r#"<IMG SRC=" &#14;  javascript:alert('XSS');">"#,
    r#"<BODY ONLOAD=alert('XSS')>"#,
    r#"<details open ontoggle=alert(1)>"#,
    r#"<svg onload=alert(1)>"#,
    r#"<svg><script>alert(1)</script></svg>"#,
    r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
    // Frames, objects, styles, meta and friends.
    r#"<iframe src="javascript:alert(1)"></iframe>"#,
    r#"<iframe src=http://xss.rocks/scriptlet.html <"#,
    r#"<object data="javascript:alert(1)"></object>"#,
    r#"<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH">"#,
    r#"<div style="background-image: url(javascript:alert('XSS'))">x</div>"#,
    r#"<STYLE>@import'http://xss.rocks/xss.css';</STYLE>"#,
    r#"<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">"#,
    r#"<TABLE BACKGROUND="javascript:alert('XSS')">"#,
    r#"<LINK REL="stylesheet" HREF="javascript:alert('XSS');">"#,
    r#"<BASE HREF="javascript:alert('XSS');//">"#,
    r#"<form action="javascript:alert(1)"><button>x</button></form>"#,
    r#"<!--<script>alert(1)</script>-->"#,
    // Raw anchors with script URLs and handlers.
    r#"<a href="jav&#x09;ascript:alert(1)">x</a>"#,
    r#"<a href="&#14;javascript:alert(1)">x</a>"#,
    r#"<a href="https://example.no" onclick="alert(1)">ok</a>"#,
    r#"<a href="javascript&colon;alert(1)">x</a>"#,
    // Markdown links, images and autolinks.
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript://%0aalert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "![x](javascript:alert(1))",
    r#"![x" onerror="alert(1)](https://example.no/a.png)"#,
    r#"[x](https://example.no "a\" onmouseover=\"alert(1)")"#,
    r#"[x](https://example.no/"onmouseover="alert(1))"#,
    "[<img src=x onerror=alert(1)>](https://example.no)",
    "**<script>alert(1)</script>**",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "> <iframe src=javascript:alert(1)>",
    "- <svg/onload=alert(1)>",
    "# <img src=x onerror=alert(1)>",
];

#[test]
fn owasp_payloads_render_inert() {
    assert!(PAYLOADS.len() >= 25);
    for payload in PAYLOADS {
        assert_inert(payload, &render(payload));
    }
}

#[test]
fn payloads_inside_surrounding_text_render_inert() {
    for payload in PAYLOADS {
        let input = format!("Innledning *med* [lenke](https://example.no)\n\n{payload}\n\nSlutt");
        let html = render(&input);
        assert_inert(&input, &html);
        assert!(
            html.contains("Slutt"),
            "text after {payload:?} kept: {html}"
        );
    }
}

#[test]
fn script_urls_in_markdown_links_leave_only_text() {
    for payload in ["[x](javascript:alert(1))", "[x](jav&#x09;ascript:alert(1))"] {
        assert_eq!(render(payload), "<p>x</p>\n", "{payload}");
    }
}

#[test]
fn a_script_tag_is_shown_as_escaped_text() {
    assert_eq!(
        render("<script>alert('XSS')</script>"),
        "<p>&lt;script&gt;alert('XSS')&lt;/script&gt;</p>\n"
    );
}
