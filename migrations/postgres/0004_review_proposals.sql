-- The grades between the self-review and the decision, so each step reads the one before (docs/workflow.md):
-- meeting_grade is what the meeting's vote approved (show of hands or secret ballot; null for a subject reviewed
-- but not graded there); proposed_grade is what the appraisal proposes to the competent level (normally the
-- meeting's, changed only with a reason in the transition history). review_subjects.grade stays the decided one.
ALTER TABLE review_subjects ADD COLUMN meeting_grade TEXT CHECK (meeting_grade IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'));
ALTER TABLE review_subjects ADD COLUMN proposed_grade TEXT CHECK (proposed_grade IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'));
