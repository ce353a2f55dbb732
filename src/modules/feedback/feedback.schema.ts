import { z } from 'zod';

/** The GOV.UK satisfaction scale, in the order the form shows it. */
export const RATINGS = [
  { value: 'very-satisfied', text: 'Very satisfied' },
  { value: 'satisfied', text: 'Satisfied' },
  { value: 'neither', text: 'Neither satisfied nor dissatisfied' },
  { value: 'dissatisfied', text: 'Dissatisfied' },
  { value: 'very-dissatisfied', text: 'Very dissatisfied' },
] as const;

const ratingValues = RATINGS.map((r) => r.value) as [string, ...string[]];
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** One schema for the feedback form and the API body. */
export const feedbackSchema = z.object({
  rating: z.enum(ratingValues, { error: 'Select how satisfied you are with khub' }).describe('How satisfied the person is'),
  comments: z
    .string({ error: 'Enter your feedback' })
    .trim()
    .min(1, 'Enter your feedback')
    .max(2000, 'Feedback must be 2,000 characters or fewer')
    .describe('What they were trying to do and what happened'),
  email: z.preprocess(
    blankToUndefined,
    z.email({ error: 'Enter an email address in the correct format, like name@example.nhs.uk' }).max(320).optional(),
  ).describe('Only if they would like a reply'),
  page: z.preprocess(blankToUndefined, z.string().max(500).startsWith('/', 'Page must be a path on this site').optional()).describe('The page the feedback is about'),
});

export type FeedbackInput = z.output<typeof feedbackSchema>;
