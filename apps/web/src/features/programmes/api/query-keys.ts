export const programmeKeys = {
  all: ["programmes"] as const,
  list: (page: number) => [...programmeKeys.all, "list", page] as const,
  detail: (id: string) => [...programmeKeys.all, "detail", id] as const,
};
