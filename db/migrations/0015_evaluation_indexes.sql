-- The evaluation engine reads done exchanges of many groups by agreed date (indicators.server.ts): without
-- this index SQLite reads every done exchange of each group, then filters the dates.
CREATE INDEX IF NOT EXISTS `evaluation_exchanges_done_date_idx` ON `exchanges` (`group_id`, `status`, `agreed_date`);
