CREATE TABLE `authors` (
	`key_id` text PRIMARY KEY NOT NULL,
	`public_key` blob NOT NULL,
	`kind` text NOT NULL,
	`entry` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `consensus` (
	`id` text PRIMARY KEY NOT NULL,
	`negotiation_id` text NOT NULL,
	`text` text NOT NULL,
	`signings` text NOT NULL,
	`entry` integer NOT NULL,
	`used_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consensus_negotiation_id_unique` ON `consensus` (`negotiation_id`);--> statement-breakpoint
CREATE TABLE `contributions` (
	`id` integer PRIMARY KEY NOT NULL,
	`negotiation_id` text NOT NULL,
	`peer_id` text NOT NULL,
	`text` text NOT NULL,
	`signature` text NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contributions_negotiation` ON `contributions` (`negotiation_id`,`id`);--> statement-breakpoint
CREATE TABLE `cycles` (
	`peer_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`status` text NOT NULL,
	`inbox_size` integer NOT NULL,
	`outbox_size` integer NOT NULL,
	`entry` integer NOT NULL,
	PRIMARY KEY(`peer_id`, `cycle_id`)
);
--> statement-breakpoint
CREATE TABLE `entries` (
	`idx` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`election` text,
	`signer` text NOT NULL,
	`author` blob NOT NULL,
	`payload` text NOT NULL,
	`signature` blob NOT NULL,
	`received` integer NOT NULL,
	`leaf_hash` blob NOT NULL,
	`statement_hash` blob NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entries_leaf_hash` ON `entries` (`leaf_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `entries_statement_hash` ON `entries` (`statement_hash`);--> statement-breakpoint
CREATE INDEX `entries_type` ON `entries` (`type`,`idx`);--> statement-breakpoint
CREATE INDEX `entries_election_type` ON `entries` (`election`,`type`,`idx`) WHERE "entries"."election" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`peer_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`box` integer NOT NULL,
	`sender` text NOT NULL,
	`recipient` text NOT NULL,
	`data` text NOT NULL,
	`chunk_doc` text,
	`chunk_index` integer,
	`chunk_count` integer
);
--> statement-breakpoint
CREATE INDEX `messages_box` ON `messages` (`peer_id`,`cycle_id`,`box`,`id`);--> statement-breakpoint
CREATE INDEX `messages_chunks` ON `messages` (`peer_id`,`cycle_id`,`chunk_doc`,`chunk_index`) WHERE "messages"."chunk_doc" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `negotiations` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`participants` text NOT NULL,
	`text` text,
	`creator` text NOT NULL,
	`consensus_id` text,
	`contributions` integer NOT NULL,
	`entry` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `peers` (
	`peer_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`peer_type` text NOT NULL,
	`key_type` integer NOT NULL,
	`key_data` text NOT NULL,
	`size_min` integer NOT NULL,
	`size_max` integer NOT NULL,
	`owners` text NOT NULL,
	`consensus_id` text,
	`status` text NOT NULL,
	`entry` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `state_kv` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`entry` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `tree_heads` (
	`size` integer PRIMARY KEY NOT NULL,
	`timestamp` integer NOT NULL,
	`root` blob NOT NULL,
	`signature` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tree_nodes` (
	`id` integer PRIMARY KEY NOT NULL,
	`hash` blob NOT NULL
);
