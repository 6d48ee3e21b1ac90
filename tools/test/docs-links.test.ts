// tools/docs-links.ts on a folder of its own: which links it follows, and what it calls broken.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkLinks, relativeTargets } from "../docs-links.ts";

let dir: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dbusers-links-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("relativeTargets", () => {
  it("takes href and src of a page, and markdown links, leaving out other sites and anchors", () => {
    expect(
      relativeTargets(
        "a.html",
        '<a href="b.html#x">b</a><img src="i.png"><a href="https://x.test">x</a><a href="#top">t</a>',
      ),
    ).toEqual(["b.html#x", "i.png"]);
    expect(
      relativeTargets("a.md", '[b](b.md) ![i](img/i.png "title") [x](mailto:a@b.test) [t](#top)'),
    ).toEqual(["b.md", "img/i.png"]);
  });
});

describe("checkLinks", () => {
  it("counts every relative link and reports those whose file is missing", () => {
    write("index.html", '<a href="api/index.html">api</a> <a href="media/core#throttling">core</a>');
    write("api/index.html", '<a href="../index.html">up</a> <a href="./">here</a>');
    write("Models/a.md", "[**Map**](AnyType.md) [b](b.md)");
    write("Models/b.md", "[a](a.md)");
    expect(checkLinks(dir)).toEqual({
      checked: 7,
      broken: [
        { file: "index.html", target: "media/core#throttling" },
        { file: path.join("Models", "a.md"), target: "AnyType.md" },
      ],
    });
  });
});
