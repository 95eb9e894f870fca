// The programme's groups on a map, at city level. Leaflet is loaded in the browser only, on this page only;
// markers are circle markers (SVG, no image files). Tiles come from MAP_TILE_URL when the instance sets one;
// without it (or when they fail: no network) the markers still show on a plain background, and the list of
// groups under the map is the same information without JavaScript.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export type MapGroup = { id: string; name: string; city: string; latitude: number | null; longitude: number | null; href: string };

export function GroupsMap({ groups, tileUrl, label }: { groups: MapGroup[]; tileUrl: string | null; label: string }) {
  const { t } = useTranslation("evaluation");
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "tiles_failed">("loading");
  useEffect(() => {
    let disposed = false;
    let map: import("leaflet").Map | null = null;
    void import("leaflet").then((mod) => {
      const L = (mod as unknown as { default?: typeof import("leaflet") }).default ?? mod;
      if (disposed || !box.current) return;
      map = L.map(box.current, { scrollWheelZoom: false, attributionControl: Boolean(tileUrl) });
      if (tileUrl) {
        const layer = L.tileLayer(tileUrl, { maxZoom: 12, attribution: "© OpenStreetMap" });
        layer.on("tileerror", () => setState("tiles_failed"));
        layer.addTo(map);
      }
      const placed = groups.filter((g) => g.latitude !== null && g.longitude !== null);
      const points: [number, number][] = [];
      for (const g of placed) {
        const at: [number, number] = [g.latitude!, g.longitude!];
        points.push(at);
        L.circleMarker(at, { radius: 9, color: "#ffffff", weight: 2, fillColor: "#1f5f4a", fillOpacity: 0.95, className: "group-marker" })
          .bindTooltip(`${g.name} — ${g.city}`, { permanent: true, direction: "right", offset: [10, 0] })
          .on("click", () => window.location.assign(g.href))
          .addTo(map);
      }
      if (points.length > 1) map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 10 });
      else if (points.length === 1) map.setView(points[0], 9);
      else map.setView([46.6, 2.4], 5);
      box.current.setAttribute("data-markers", String(points.length));
      setState((s) => (s === "loading" ? "ready" : s));
    });
    return () => {
      disposed = true;
      map?.remove();
    };
  }, [groups, tileUrl]);
  return (
    <div>
      <div ref={box} className="map-box" role="region" aria-label={label} data-state={state} />
      <p className="note" aria-live="polite">
        {state === "loading" ? t("officer.map.loading") : !tileUrl ? t("officer.map.no_tiles") : state === "tiles_failed" ? t("officer.map.tiles_failed") : ""}
      </p>
    </div>
  );
}
