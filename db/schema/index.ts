export * from "./accounts";
export * from "./groups";
export * from "./households";
export * from "./bookings";
export * from "./events";
export * from "./exchange";
