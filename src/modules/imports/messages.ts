export const de = {} as const;

export const en: { [K in keyof typeof de]: string } = {};
