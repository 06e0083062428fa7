/**
 * Which browser origins may call `/mcp`: the MCP transport specification ("Streamable HTTP",
 * Security Warning) requires servers to validate `Origin` on every connection against DNS
 * rebinding, and to answer 403 to a present, invalid one. A request without `Origin` (an agent,
 * not a browser) passes. The request's own `Host` never makes an origin "same": a rebound page's
 * `Origin` and `Host` name the same attacker host, so only configured origins count.
 *
 * @param allowedOrigins origins (`scheme://host[:port]`) allowed besides the public URL's
 * @param publicUrl the configured public URL, whose origin is this server's own
 * @returns whether a request with that `Origin` header value may be served
 */
export function originCheck(
  allowedOrigins: readonly string[],
  publicUrl: string | undefined,
): (origin: string | undefined) => boolean {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return (origin) => {
    if (origin === undefined) return true;
    try {
      // `new URL` lower-cases the host and drops a default port, as origins compare.
      return allowed.has(new URL(origin).origin);
    } catch {
      // `null` (an opaque origin) and anything else that is no URL.
      return false;
    }
  };
}
