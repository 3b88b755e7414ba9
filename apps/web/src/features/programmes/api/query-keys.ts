export const programmeKeys = {
  all: ["programmes"] as const,
  list: () => [...programmeKeys.all, "list"] as const,
  detail: (id: string) => [...programmeKeys.all, "detail", id] as const,
};
