-- An answer counts only for the step of the target that sent it (issue 17 item 3): keyed by command and target, a
-- reply signed by one agent about another target's command id cannot take the slot of the real answer.
ALTER TABLE step_reply DROP CONSTRAINT step_reply_pkey;
ALTER TABLE step_reply ADD PRIMARY KEY (command_id, target);
