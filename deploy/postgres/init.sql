-- First start of the compose PostgreSQL: the stack's database beside `test` (development/CI).
CREATE DATABASE danmaku;
