/** A prerendered GeoJSON feed (RFC 7946 media type). */
export function geoJsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
}
