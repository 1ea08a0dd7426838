import { toBase64 } from "./base64";

describe("toBase64", () => {
  it("gives Node's Base64 for small and chunk-crossing byte arrays", () => {
    const small = new Uint8Array([0, 1, 2, 250, 255]);
    expect(toBase64(small)).toBe(Buffer.from(small).toString("base64"));
    const large = Uint8Array.from({ length: 0x8000 * 2 + 7 }, (_, i) => (i * 31) % 256);
    expect(toBase64(large)).toBe(Buffer.from(large).toString("base64"));
    expect(toBase64(new Uint8Array())).toBe("");
  });
});
